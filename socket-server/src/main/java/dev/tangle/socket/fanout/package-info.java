/**
 * NATS interest (reference-counted subscriptions per conversation and per connected user), event routing to sessions (each event parsed and serialized once), requests to api-server.
 */
package dev.tangle.socket.fanout;
