package dev.tangle.tools.bench;

/** {@link ProcStats} for tests in other packages. */
public final class ProcStatsAccess {

    private ProcStatsAccess() {
    }

    /** Whether process {@code pid} listens on TCP {@code port}. */
    public static boolean listensOn(long pid, int port) {
        return ProcStats.pidListeningOn(port).orElse(-1) == pid;
    }
}
