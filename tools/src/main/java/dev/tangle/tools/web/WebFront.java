package dev.tangle.tools.web;

import java.io.Closeable;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import dev.tangle.common.config.ConfigException;
import dev.tangle.common.config.Settings;
import dev.tangle.tools.cli.CliException;

/**
 * The web client in {@code tangle dev}: listens on port base + 4 at once (so a busy port fails before anything
 * starts), builds {@code web/} in the background while the services start, and once they are ready adds
 * {@code TANGLE_WEB_URL} to {@code dev.env}.
 *
 * <p>Reads {@code TANGLE_DEV_WEB_BUILD} (default {@code true}: build when the sources changed) and
 * {@code TANGLE_DEV_WEB_PORT} (default base + 4).
 */
public final class WebFront implements Closeable {

    /** The variable of {@code dev.env} with the client's URL. */
    public static final String URL_VARIABLE = "TANGLE_WEB_URL";
    /** Port offset from {@code TANGLE_PORT_BASE}. */
    public static final int PORT_OFFSET = 4;

    private final DevEdge edge;
    private final WebBuild build;
    private final CompletableFuture<Boolean> built;
    private final String url;
    private final PrintStream console;

    private WebFront(DevEdge edge, WebBuild build, CompletableFuture<Boolean> built, String url, PrintStream console) {
        this.console = console;
        this.edge = edge;
        this.build = build;
        this.built = built;
        this.url = url;
    }

    /**
     * Starts the edge and the build.
     *
     * @param portBase api-server's port; the services are at +0..+3 on {@code urlHost}
     */
    public static WebFront start(Path repo, Map<String, String> env, String bindHost, String urlHost, int portBase,
                                 PrintStream console) {
        boolean buildIt;
        int port;
        try {
            Settings s = Settings.of(env);
            buildIt = s.bool("dev.web-build", true);
            port = s.integer("dev.web-port", portBase + PORT_OFFSET, 0, 65535);
        } catch (ConfigException e) {
            throw new CliException(e.getMessage());
        }
        WebBuild build = new WebBuild(repo.resolve("web"), console);
        DevEdge edge;
        try {
            edge = DevEdge.start(bindHost, port, urlHost, offset -> portBase + offset, build.dist(), console);
        } catch (UncheckedIOException e) {
            throw new CliException("port " + port + " (web client) already in use: stop what listens there or set "
                                   + "TANGLE_PORT_BASE to a free range");
        }
        CompletableFuture<Boolean> built = new CompletableFuture<>();
        if (buildIt && Files.isRegularFile(repo.resolve("web").resolve("package.json"))) {
            Thread.ofPlatform().daemon().name("tangle-web-build").start(() -> built.complete(build.runIfStale()));
        } else {
            built.complete(true);
        }
        return new WebFront(edge, build, built, "http://" + urlHost + ":" + edge.port(), console);
    }

    /** Waits for the build, then adds {@link #URL_VARIABLE} to {@code dev.env}; returns the URL. */
    public String publish(Path devEnv) {
        if (!built.join()) {
            console.println("tangle: !!! the web client was not rebuilt (see above); serving what web/dist holds");
        }
        try {
            if (!Files.isRegularFile(devEnv)) {
                return url; // the stack is already stopping
            }
            String text = Files.readString(devEnv, StandardCharsets.UTF_8);
            Path temp = devEnv.resolveSibling(devEnv.getFileName() + ".web.tmp");
            Files.writeString(temp, text + URL_VARIABLE + "=" + url + "\n", StandardCharsets.UTF_8);
            temp.toFile().setReadable(false, false);
            temp.toFile().setReadable(true, true);
            Files.move(temp, devEnv, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot add the web URL to " + devEnv, e);
        }
        return url;
    }

    public String url() {
        return url;
    }

    @Override
    public void close() {
        build.cancel();
        edge.close();
    }
}
