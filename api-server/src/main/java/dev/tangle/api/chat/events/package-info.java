/**
 * Every chat event api-server publishes ({@link dev.tangle.api.chat.events.ChatEvents}), built from the contract's
 * payload records and written to the outbox inside the caller's transaction. Depends on no other chat package.
 */
package dev.tangle.api.chat.events;
