package dev.tangle.tools.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

    private final Map<String, Long> baseHeap = new LinkedHashMap<>();
    private final Map<String, Long> heapPerConnection = new LinkedHashMap<>();

    private final boolean fullGcs;

    /** Takes the baseline (before any client connects), after a full GC of the Java services. */
    ServerMeter(Map<String, Long> pids) {
        this(pids, true);
    }

    /**
     * @param fullGcs whether the idle figures are taken after a full GC of every Java service (two {@code jcmd}
     *                runs per process, each a JVM start, before and after connecting); without them there are no
     *                heap figures and the RSS ones include garbage
     */
    ServerMeter(Map<String, Long> pids, boolean fullGcs) {
        this.pids = new LinkedHashMap<>(pids);
        this.fullGcs = fullGcs;
        settle(baseHeap);
        sampleInto(base);
    }

    boolean fullGcs() {
        return fullGcs;
    }

    /**
     * Runs a full GC in every Java service process ({@code jcmd <pid> GC.run}, from this tool's JDK) so that
     * memory figures count what connections keep, not garbage not yet collected; records each one's live heap.
     */
    private void settle(Map<String, Long> heapInto) {
        if (!fullGcs) {
            return;
        }
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        pids.forEach((svc, pid) -> {
            if (!Files.isExecutable(jcmd) || !isJava(pid)) {
                return;
            }
            try {
                Process gc = new ProcessBuilder(jcmd.toString(), Long.toString(pid), "GC.run")
                        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                gc.waitFor(60, TimeUnit.SECONDS);
                Process info = new ProcessBuilder(jcmd.toString(), Long.toString(pid), "GC.heap_info")
                        .redirectErrorStream(true).start();
                String text = new String(info.getInputStream().readAllBytes());
                info.waitFor(10, TimeUnit.SECONDS);
                heapInto.put(svc, usedHeapBytes(text));
            } catch (IOException e) {
                // no attach possible (other user, no JDK): the RSS figures stay unsettled
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    private static boolean isJava(long pid) {
        try {
            return Files.readSymbolicLink(Path.of("/proc", Long.toString(pid), "exe")).getFileName().toString().equals("java");
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** Sum of the "used" figures of the generations or regions in {@code GC.heap_info} output, in bytes. */
    static long usedHeapBytes(String heapInfo) {
        long used = 0;
        Matcher m = USED.matcher(heapInfo);
        while (m.find()) {
            used += Long.parseLong(m.group(1)) * 1024;
        }
        return used;
    }

    private static final Pattern USED = Pattern.compile("^\\s*[A-Za-z][\\w -]*?\\s+total \\d+K, used (\\d+)K", Pattern.MULTILINE);

    /** Live heap growth per idle connection of each Java service (after a full GC), in bytes. */
    Map<String, Long> heapPerIdleConnection() {
        return heapPerConnection;
    }

    private void sampleInto(Map<String, ProcStats.Sample> into) {
        pids.forEach((svc, pid) -> into.put(svc, ProcStats.sample(pid)));
    }

    /**
     * With {@code connections} idle connections open, after a full GC of the Java services: the RSS growth per
     * connection over all services (a JVM's heap does not shrink to its live size, so see also
     * {@link #heapPerIdleConnection()}).
     */
    void idle(int connections) {
        Map<String, Long> heap = new LinkedHashMap<>();
        settle(heap);
        heap.forEach((svc, used) -> heapPerConnection.put(svc,
                connections > 0 ? Math.max(0, (used - baseHeap.getOrDefault(svc, used)) / connections) : 0));
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
