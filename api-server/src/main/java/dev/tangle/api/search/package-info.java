/**
 * Full-text search over messages, posts, comments and users ({@code GET /v1/search}). PostgreSQL keeps the
 * search vectors in the writing transaction (generated columns), so what is committed is searchable at once;
 * every query applies the same reading rules as the feature it searches (docs/adr/0110).
 */
package dev.tangle.api.search;
