package dev.tangle.tools.bench;

import java.io.IOException;
import java.nio.file.Path;

/** Target by name. */
final class Targets {

    private Targets() {
    }

    static Target create(String name, BenchOptions opts, Path scratch) throws IOException {
        return switch (name) {
            case "tangle" -> new TangleTarget(DevEnv.resolve(opts), opts);
            case "nats" -> new NatsTarget(scratch.resolve("nats"));
            case "node", "node-ws" -> new NodeTarget(scratch.resolve("node"));
            default -> throw new IllegalArgumentException("--target must be tangle, nats or node, not " + name);
        };
    }
}
