/**
 * Test support of api-server: {@code ApiTestServer} starts the real service on the shared PostgreSQL and NATS
 * and fails the test class on an event that violates its schema; fixtures register users and build graphs.
 */
package dev.tangle.api.support;
