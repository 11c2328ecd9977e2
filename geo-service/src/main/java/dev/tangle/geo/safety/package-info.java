/**
 * Safety: contacts, SOS alerts (notification + a durable chat message to each contact through api-server, an exact
 * share, escalation to the wider circle without an ack, read receipt = seen, ack, resolve) and check-ins. Every
 * timer is a row in PostgreSQL claimed with {@code FOR UPDATE SKIP LOCKED} by whichever instance polls first, and
 * changed in the transaction that writes its events, so it fires once across any number of instances and
 * survives restarts.
 */
package dev.tangle.geo.safety;
