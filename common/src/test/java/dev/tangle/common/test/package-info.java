/**
 * Test support shipped as the test-jar of common: real PostgreSQL ({@link dev.tangle.common.test.PostgresProcess})
 * and NATS ({@link dev.tangle.common.test.NatsServerProcess}) started once per test JVM by
 * {@link dev.tangle.common.test.TestInfra}, an HTTP JSON client, and deadline-bounded waiting. No mocks.
 */
package dev.tangle.common.test;
