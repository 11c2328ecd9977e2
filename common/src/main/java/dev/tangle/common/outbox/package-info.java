/**
 * The transactional outbox and its relay to JetStream: an event exists if and only if its change committed.
 */
package dev.tangle.common.outbox;
