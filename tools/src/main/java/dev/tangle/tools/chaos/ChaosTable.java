package dev.tangle.tools.chaos;

import java.io.PrintStream;
import java.util.List;

import dev.tangle.tools.bench.ChaosLoad;

/** The suite's figures as a Markdown table (also readable on a terminal). */
final class ChaosTable {

    static final String HEADER = "| scenario | sent | acked | refused | acked deliveries lost | gaps | duplicates | clients back (s) "
                                 + "| outbox drained (s) | hung | acks > 2 s | refusals > 2 s | cut by drop | clients not back | drops |";
    static final String RULE = "|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|";

    private ChaosTable() {
    }

    static void printRow(PrintStream out, ChaosLoad.Result r) {
        out.println(HEADER);
        out.println(RULE);
        out.println(row(r));
        if (!r.note().isEmpty()) {
            out.println("  note: " + r.note());
        }
    }

    static void print(PrintStream out, List<ChaosLoad.Result> results) {
        out.println(HEADER);
        out.println(RULE);
        results.forEach(r -> out.println(row(r)));
    }

    static String row(ChaosLoad.Result r) {
        return "| %s | %d | %d | %d | %d | %d | %d | %s | %s | %d | %d | %d | %d | %d | %d |".formatted(r.scenario(), r.sent(),
                r.acked(), r.refused(), r.ackedDeliveriesMissing(), r.gaps(), r.duplicates(), seconds(r.clientsBackSeconds()),
                seconds(r.outboxDrainSeconds()), r.hung(), r.slowAcks(), r.slowRefusals(), r.cutByDrop(), r.clientsNotBack(), r.drops());
    }

    private static String seconds(double s) {
        return s < 0 ? "never" : String.format("%.1f", s);
    }
}
