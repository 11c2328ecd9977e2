/**
 * The contract test of socket-server: the routes it registers equal the paths and methods of its OpenAPI document,
 * both ways ({@code OpenApiRoutesIT}); responses are validated by every IT through {@code HttpTestClient}.
 */
package dev.tangle.socket.contract;
