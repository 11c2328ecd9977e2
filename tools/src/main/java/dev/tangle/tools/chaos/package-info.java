/**
 * {@code tangle chaos}: the fault suite. It starts its own cluster-mode stack (3 NATS nodes, two instances of each
 * service) under {@code .tangle/chaos}, runs the bench's fan-out with every delivery accounted, and breaks one thing
 * per scenario (kill -9 of a NATS node or of a service instance, PostgreSQL stopped, a socket-server paused, a
 * client that stops reading); it reports acknowledged deliveries lost, gaps and duplicates by seq, time until every
 * client is back, outbox drain time, and sends that neither succeeded nor failed within 2 s.
 */
package dev.tangle.tools.chaos;
