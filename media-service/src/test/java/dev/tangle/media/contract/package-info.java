/**
 * The contract test of media-service: the routes it registers equal the paths and methods of its OpenAPI document,
 * both ways ({@code OpenApiRoutesIT}); responses are validated by every IT through {@code HttpTestClient}.
 */
package dev.tangle.media.contract;
