/**
 * What readiness is made of: {@link dev.tangle.common.health.HealthCheck}, one per dependency (PostgreSQL, NATS);
 * {@code dev.tangle.common.http.HealthHttpService} serves them at {@code /health/live} and {@code /health/ready}.
 */
package dev.tangle.common.health;
