/**
 * Test support shipped as the test-jar of common: real PostgreSQL ({@link dev.tangle.common.test.PostgresProcess})
 * and NATS ({@link dev.tangle.common.test.NatsServerProcess}) started once per test JVM by
 * {@link dev.tangle.common.test.TestInfra}, an HTTP JSON client, and deadline-bounded waiting. No mocks. The shared
 * PostgreSQL is the fast kind (no fsync: for speed, never crashed); tests of durability start their own with
 * {@link dev.tangle.common.test.PostgresProcess#startDurable()}.
 */
package dev.tangle.common.test;
