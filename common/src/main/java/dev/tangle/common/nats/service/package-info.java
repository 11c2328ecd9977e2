/**
 * Request/reply between services on {@code tangle.svc.*}: typed {@link dev.tangle.common.nats.service.Operation}s
 * declared once per owning service, served by {@link dev.tangle.common.nats.service.NatsService} (jnats service
 * API: queue group, discovery, bounded virtual-thread concurrency, drain) and called through
 * {@link dev.tangle.common.nats.service.NatsServiceClient}. Failures cross as the one error model
 * ({@link dev.tangle.common.error.ErrorCode}), with {@code Nats-Service-Error} headers.
 */
package dev.tangle.common.nats.service;
