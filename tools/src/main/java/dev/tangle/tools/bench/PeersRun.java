package dev.tangle.tools.bench;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.SerializationFeature;

import dev.tangle.common.json.Json;

/**
 * {@code peers}: the same fan-out, same client, same machine, against Tangle, a bare nats-server (the broker
 * alone: an upper bound) and a Node.js ws broadcast server; then one table side by side with ratios.
 */
final class PeersRun {

    static final Map<String, String> DEFAULTS = Map.of("clients", "2000", "group-size", "50", "rate", "500",
            "duration", "20s", "drain", "10s");

    private PeersRun() {
    }

    /** One column of the table: a report, or why there is none. */
    record Column(String target, Report report, String absent) {
    }

    static int run(BenchOptions given, Path scratch) throws Exception {
        BenchOptions opts = given.withDefaults(DEFAULTS);
        List<Column> columns = new ArrayList<>();
        for (String name : opts.string("targets", "tangle,nats,node").split(",")) {
            columns.add(runOne(name.trim(), opts, scratch));
        }
        for (Column c : columns) {
            if (c.report() != null) {
                c.report().print(System.out);
            }
        }
        printTable(columns, System.out);
        Path json = opts.path("json");
        if (json != null) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("scenario", "peers");
            for (Column c : columns) {
                doc.put(c.target(), c.report() != null ? c.report() : Map.of("absent", c.absent()));
            }
            if (json.getParent() != null) {
                Files.createDirectories(json.getParent());
            }
            Files.writeString(json, Json.MAPPER.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(doc) + "\n");
            System.out.println("report written to " + json);
        }
        return columns.stream().allMatch(c -> c.report() == null || c.report().missing() == 0 && c.report().duplicates() == 0) ? 0 : 1;
    }

    private static Column runOne(String name, BenchOptions opts, Path scratch) {
        try {
            Target target = Targets.create(name, opts, scratch);
            return new Column(target.name(), new FanoutRun("fanout", target, opts).run(), null);
        } catch (TargetUnavailable e) {
            System.out.println(name + ": " + e.getMessage());
            return new Column(name, null, "not running");
        } catch (Exception e) {
            System.out.println(name + ": failed: " + e);
            return new Column(name, null, "failed: " + e.getMessage());
        }
    }

    static void printTable(List<Column> columns, PrintStream out) {
        Column tangleColumn = columns.stream().filter(c -> c.target().equals("tangle")).findFirst().orElse(null);
        Report tangle = tangleColumn == null ? null : tangleColumn.report();
        out.printf("%n%-28s", "peers (same client, same machine)");
        columns.forEach(c -> out.printf("%16s", c.target()));
        out.println();
        line(out, columns, "delivered msgs/s", r -> String.format("%.0f", r.deliveredPerSec()));
        line(out, columns, "p99 latency ms", r -> String.format("%.2f", r.latencyMs().p99()));
        line(out, columns, "server CPU-s / 100k deliv.", r -> String.format("%.2f", r.cpuSecondsPer100kDeliveries()));
        line(out, columns, "memory / idle connection", r -> Report.kib(r.memoryPerIdleConnectionBytes()));
        line(out, columns, "missing / duplicates", r -> r.missing() + " / " + r.duplicates());
        if (tangle == null) {
            out.println("  ratios: Tangle not measured in this run (" + (tangleColumn == null ? "not asked" : tangleColumn.absent()) + ")");
            return;
        }
        for (Column c : columns) {
            Report r = c.report();
            if (r == null || r == tangle) {
                continue;
            }
            out.printf("  Tangle / %-8s throughput x%.2f, p99 x%.2f, CPU per delivery x%.2f, memory per connection x%.2f%n",
                    c.target(), ratio(tangle.deliveredPerSec(), r.deliveredPerSec()), ratio(tangle.latencyMs().p99(), r.latencyMs().p99()),
                    ratio(tangle.cpuSecondsPer100kDeliveries(), r.cpuSecondsPer100kDeliveries()),
                    ratio(tangle.memoryPerIdleConnectionBytes(), r.memoryPerIdleConnectionBytes()));
        }
    }

    private static double ratio(double a, double b) {
        return b == 0 ? Double.NaN : a / b;
    }

    private static void line(PrintStream out, List<Column> columns, String name, java.util.function.Function<Report, String> cell) {
        out.printf("%-28s", name);
        columns.forEach(c -> out.printf("%16s", c.report() != null ? cell.apply(c.report()) : c.absent()));
        out.println();
    }
}
