package dev.tangle.tools.dev;

/**
 * How many of each thing the dev stack runs.
 *
 * @param natsNodes nats-server processes (1: a single {@code -js} server; 3: one JetStream cluster)
 * @param instances instances of each service (the first on the usual port, the others on free ports)
 */
public record Topology(int natsNodes, int instances) {

    /** {@code tangle dev}: one of everything. */
    public static final Topology SINGLE = new Topology(1, 1);
    /** {@code tangle dev --cluster}: a 3-node JetStream cluster at 3 replicas, two instances of each service. */
    public static final Topology CLUSTER = new Topology(3, 2);

    public Topology {
        if (natsNodes < 1 || instances < 1) {
            throw new IllegalArgumentException("need at least one NATS node and one instance of each service");
        }
    }

    public boolean clustered() {
        return natsNodes > 1;
    }

    /** Replicas of streams and buckets: 3 in a cluster of 3 or more, else the node count. */
    public int replicas() {
        return Math.min(3, natsNodes);
    }
}
