/**
 * The typed contract of everything that crosses a process, declared once and used by both sides: per domain
 * ({@code chat}, {@code social}) the {@code tangle.svc.*} {@link dev.tangle.common.nats.service.Operation}s with
 * their request and reply records, the API objects they carry and the event payload records the owning service
 * publishes (docs/events.md, schemas in docs/events/); in {@code ws} the closed set of WebSocket frames
 * (docs/websocket.md). Errors on every transport come from the one catalog {@link dev.tangle.common.error.ErrorCode}.
 * Validation of a command lives in the service that owns it, never here and never in a transport.
 * {@link dev.tangle.common.contract.GeoContract} is served by geo-service, {@link dev.tangle.common.contract.AudienceContract}
 * by api-server for geo-service.
 */
package dev.tangle.common.contract;
