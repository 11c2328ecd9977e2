/**
 * The local dev stack: {@code tangle dev} runs PostgreSQL (zonky's embedded binaries, data in {@code .tangle/pg}),
 * {@code nats-server -js} (store in {@code .tangle/nats}) and the four service jars as child processes, waits until
 * each is ready and writes their URLs to {@code .tangle/dev.env}; {@code tangle start} adds instances,
 * {@code tangle reset} deletes the state. {@code tangle dev --cluster} ({@link dev.tangle.tools.dev.Topology#CLUSTER})
 * runs a three-node JetStream cluster ({@link dev.tangle.tools.dev.ClusterNats}, stores in {@code .tangle/nats-cluster})
 * and two instances of each service, the first on the usual ports.
 *
 * <p>Invariants: {@code dev.env} exists only while every service of the stack was ready and the stack has not begun to
 * stop; {@code dev.pid} names the live launcher; the launcher stops its children in reverse order (services, NATS,
 * PostgreSQL) on Ctrl-C, SIGTERM or the unexpected death of a service, and leaves no process behind.
 */
package dev.tangle.tools.dev;
