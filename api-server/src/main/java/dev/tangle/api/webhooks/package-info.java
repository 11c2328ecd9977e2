/**
 * Outbound webhooks: registration with SSRF checks, fan-in of events from a durable JetStream consumer into
 * per-endpoint queues in PostgreSQL, ordered delivery with Standard Webhooks signatures, exponential retries for a
 * day, a dead-letter list with replay, auto-disable with a notification (docs/adr/0112).
 */
package dev.tangle.api.webhooks;
