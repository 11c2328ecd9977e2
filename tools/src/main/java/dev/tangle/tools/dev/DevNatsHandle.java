package dev.tangle.tools.dev;

/** The NATS the dev stack started: one {@link DevNats} or a {@link ClusterNats}. */
interface DevNatsHandle extends AutoCloseable {

    /** Client URL(s), comma separated, as {@code TANGLE_NATS_URL} takes them. */
    String url();

    @Override
    void close();
}
