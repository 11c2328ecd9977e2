/**
 * The CloudEvents 1.0 envelope of every event ({@code Event}); payloads are in the contract and docs/events/.
 */
package dev.tangle.common.event;
