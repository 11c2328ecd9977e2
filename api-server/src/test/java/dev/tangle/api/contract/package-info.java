/**
 * The contract tests of api-server: its registered routes equal its OpenAPI paths and methods both ways
 * ({@code OpenApiRoutesIT}); every event it publishes validates against its JSON Schema in docs/events
 * ({@code EventSchemasIT}). Responses are validated by every IT through {@code HttpTestClient}.
 */
package dev.tangle.api.contract;
