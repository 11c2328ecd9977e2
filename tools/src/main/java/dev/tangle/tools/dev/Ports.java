package dev.tangle.tools.dev;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Free TCP ports, and ports remembered in {@code .tangle/} so that URLs stay the same across restarts. */
final class Ports {

    private static final String LOOPBACK = "127.0.0.1";

    private Ports() {
    }

    /** Whether nothing listens on the port of the given address (or the wildcard address for 0.0.0.0). */
    static boolean isFree(String host, int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getByName(host))) {
            return socket.getLocalPort() == port;
        } catch (IOException e) {
            return false;
        }
    }

    /** A port nothing listens on right now (the kernel picks it). */
    static int free() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot find a free port", e);
        }
    }

    /** The port in {@code file} if it is still free, else a new free one, which is then remembered in {@code file}. */
    static int remembered(Path file) {
        try {
            if (Files.isRegularFile(file)) {
                String text = Files.readString(file, StandardCharsets.UTF_8).trim();
                if (text.matches("\\d{1,5}") && isFree(LOOPBACK, Integer.parseInt(text))) {
                    return Integer.parseInt(text);
                }
            }
            int port = free();
            Files.writeString(file, port + "\n", StandardCharsets.UTF_8);
            return port;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot remember a port in " + file, e);
        }
    }
}
