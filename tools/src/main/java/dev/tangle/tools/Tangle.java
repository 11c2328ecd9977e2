package dev.tangle.tools;

/** The {@code tangle} command line. */
public final class Tangle {

    private Tangle() {
    }

    public static void main(String[] args) {
        System.err.println("usage: tangle dev | reset | start <service> [--port N] | bench <scenario>");
        System.exit(2);
    }
}
