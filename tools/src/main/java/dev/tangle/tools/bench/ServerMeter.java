package dev.tangle.tools.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/** Server CPU seconds over the measured window and RSS per service process, plus this tool's own CPU. */
final class ServerMeter {

    private final Map<String, Long> pids;
    private final Map<String, ProcStats.Sample> base = new LinkedHashMap<>();
    private final Map<String, ProcStats.Sample> begin = new LinkedHashMap<>();
    private final Map<String, ProcStats.Sample> end = new LinkedHashMap<>();
    private final long self = ProcessHandle.current().pid();
    private long idleBytesPerConnection;
    private double clientBegin;
    private double clientEnd;

    /** Takes the baseline (before any client connects). */
    ServerMeter(Map<String, Long> pids) {
        this.pids = new LinkedHashMap<>(pids);
        sampleInto(base);
    }

    private void sampleInto(Map<String, ProcStats.Sample> into) {
        pids.forEach((svc, pid) -> into.put(svc, ProcStats.sample(pid)));
    }

    /** With {@code connections} idle connections open: the RSS growth per connection over all services. */
    void idle(int connections) {
        Map<String, ProcStats.Sample> now = new LinkedHashMap<>();
        sampleInto(now);
        long grown = 0;
        for (var e : now.entrySet()) {
            grown += e.getValue().rssBytes() - base.getOrDefault(e.getKey(), ProcStats.Sample.NONE).rssBytes();
        }
        idleBytesPerConnection = connections > 0 && !pids.isEmpty() ? Math.max(0, grown / connections) : 0;
    }

    void start() {
        sampleInto(begin);
        clientBegin = ProcStats.sample(self).cpuSeconds();
    }

    void stop() {
        sampleInto(end);
        clientEnd = ProcStats.sample(self).cpuSeconds();
    }

    Map<String, Double> cpuSeconds() {
        Map<String, Double> cpu = new LinkedHashMap<>();
        end.forEach((svc, s) -> cpu.put(svc, Math.round((s.cpuSeconds() - begin.get(svc).cpuSeconds()) * 100) / 100.0));
        return cpu;
    }

    Map<String, Long> rssBytes() {
        Map<String, Long> rss = new LinkedHashMap<>();
        end.forEach((svc, s) -> rss.put(svc, s.rssBytes()));
        return rss;
    }

    long perIdleConnection() {
        return idleBytesPerConnection;
    }

    double clientCpuSeconds() {
        return Math.round((clientEnd - clientBegin) * 10) / 10.0;
    }
}
