/**
 * Shared by every Tangle service: typed config ({@code config}), JSON and request bodies ({@code json}), the one
 * error model ({@code error}), ids, cursors, PostgreSQL ({@code db}) and NATS ({@code nats}) bootstrap, the
 * event envelope ({@code event}), the transactional outbox ({@code outbox}), metrics, health, lifecycle and
 * the standard server ({@code http}).
 */
package dev.tangle.common;
