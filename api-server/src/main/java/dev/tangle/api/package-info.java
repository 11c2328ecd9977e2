/**
 * The composition root of api-server ({@code Main}) and its configuration record ({@code ApiConfig}); features live in sub-packages and never import this one.
 */
package dev.tangle.api;
