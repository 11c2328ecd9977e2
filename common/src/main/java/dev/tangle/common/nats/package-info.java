/**
 * The NATS connection of a service, stream set-up and the subject families ({@code Subjects}); request/reply lives in {@code nats.service}.
 */
package dev.tangle.common.nats;
