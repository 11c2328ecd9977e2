/**
 * The {@code tangle.svc.chat.*} operations of the contract on the common NATS service adapter.
 */
package dev.tangle.api.chat.svc;
