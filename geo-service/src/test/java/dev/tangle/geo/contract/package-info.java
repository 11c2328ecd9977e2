/**
 * The contract test of geo-service: the routes it registers equal the paths and methods of its OpenAPI document,
 * both ways ({@code OpenApiRoutesIT}); responses are validated by every IT through {@code HttpTestClient}.
 */
package dev.tangle.geo.contract;
