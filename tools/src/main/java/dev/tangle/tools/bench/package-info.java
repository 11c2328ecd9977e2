/**
 * {@code ./tangle bench}: load and benchmark runs against Tangle and, for comparison, nats-server and a
 * Node.js ws server on the same machine. One engine ({@link dev.tangle.tools.bench.FanoutRun}: connections,
 * open-loop schedule, warm-up, drain) drives every {@link dev.tangle.tools.bench.Target}; a
 * {@link dev.tangle.tools.bench.Ledger} counts every delivery by message and member. Invariants: latency is
 * measured from the intended send time; missing and duplicates are exact counts over acknowledged messages;
 * the tool stops every process it starts. Entry point: {@link dev.tangle.tools.bench.BenchCommand#run}.
 */
package dev.tangle.tools.bench;
