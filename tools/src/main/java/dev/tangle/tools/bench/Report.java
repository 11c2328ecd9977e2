package dev.tangle.tools.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import com.fasterxml.jackson.databind.SerializationFeature;

import dev.tangle.common.json.Json;

/**
 * The result of one run against one target, as printed and as written by {@code --json}. Counts are of the
 * measured messages only (the warm-up is excluded). {@code missing} counts acknowledged messages not received
 * by a member that was connected for the message's whole life; nothing is rounded away.
 */
record Report(
        String scenario,
        String target,
        String startedAt,
        Map<String, String> params,
        double durationSeconds,
        int clients,
        int connected,
        int connectFailures,
        int disconnects,
        long sent,
        long skipped,
        long acked,
        long failed,
        long unacked,
        long expected,
        long delivered,
        long duplicates,
        long missing,
        long unexpected,
        double deliveredPerSec,
        Latency.Summary latencyMs,
        Latency.Summary ackLatencyMs,
        Map<String, Double> serverCpuSeconds,
        Map<String, Long> serverRssBytes,
        double cpuSecondsPer100kDeliveries,
        long memoryPerIdleConnectionBytes,
        double clientCpuSeconds,
        String note) {

    double totalServerCpuSeconds() {
        return serverCpuSeconds.values().stream().mapToDouble(Double::doubleValue).sum();
    }

    void writeJson(Path file) throws IOException {
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        Files.writeString(file, Json.MAPPER.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(this) + "\n");
    }

    void print(PrintStream out) {
        if (scenario.equals("connect")) {
            printChurn(out);
            return;
        }
        out.printf("%n%s against %s  (%d clients, %s)%n", scenario, target, clients, params);
        row(out, "connected", connected + " of " + clients + (connectFailures > 0 ? ", " + connectFailures + " failed" : "")
                + (disconnects > 0 ? ", " + disconnects + " drops" : ""));
        row(out, "sent / acked", sent + " / " + acked + (failed > 0 ? "  (" + failed + " refused)" : "")
                + (unacked > 0 ? "  (" + unacked + " never acked)" : "") + (skipped > 0 ? "  (" + skipped + " skipped: sender down)" : ""));
        row(out, "delivered / expected", delivered + " / " + expected);
        row(out, "missing", Long.toString(missing));
        row(out, "duplicates", Long.toString(duplicates) + (unexpected > 0 ? "  (" + unexpected + " unexpected)" : ""));
        row(out, "delivered/s", String.format("%.0f", deliveredPerSec));
        row(out, "latency ms", latency(latencyMs));
        if (ackLatencyMs.count() > 0) {
            row(out, "ack latency ms", latency(ackLatencyMs));
        }
        serverCpuSeconds.forEach((svc, cpu) -> row(out, "server " + svc, String.format("%.1f CPU-s, RSS %s", cpu,
                mib(serverRssBytes.getOrDefault(svc, 0L)))));
        row(out, "CPU-s / 100k deliveries", String.format("%.2f", cpuSecondsPer100kDeliveries));
        row(out, "memory / idle conn", memoryPerIdleConnectionBytes > 0 ? kib(memoryPerIdleConnectionBytes) : "n/a");
        row(out, "client (this tool)", String.format("%.1f CPU-s", clientCpuSeconds));
        if (note != null && !note.isEmpty()) {
            row(out, "note", note);
        }
    }

    private void printChurn(PrintStream out) {
        out.printf("%nconnect against %s  (%s)%n", target, params);
        row(out, "connections", sent + " started, " + acked + " ready, " + failed + " failed, " + unacked + " timed out");
        row(out, "ready/s", String.format("%.0f", deliveredPerSec));
        row(out, "start-to-ready ms", latency(latencyMs));
        serverCpuSeconds.forEach((svc, cpu) -> row(out, "server " + svc, String.format("%.1f CPU-s, RSS %s", cpu,
                mib(serverRssBytes.getOrDefault(svc, 0L)))));
        row(out, "CPU-s / 100k conns", String.format("%.2f", cpuSecondsPer100kDeliveries));
        row(out, "client (this tool)", String.format("%.1f CPU-s", clientCpuSeconds));
    }

    static String latency(Latency.Summary s) {
        return String.format("p50 %.2f  p90 %.2f  p99 %.2f  p99.9 %.2f  max %.2f", s.p50(), s.p90(), s.p99(), s.p999(), s.max());
    }

    static String mib(long bytes) {
        return String.format("%.1f MiB", bytes / 1048576.0);
    }

    static String kib(long bytes) {
        return String.format("%.1f KiB", bytes / 1024.0);
    }

    private static void row(PrintStream out, String name, String value) {
        out.printf("  %-24s %s%n", name, value);
    }
}
