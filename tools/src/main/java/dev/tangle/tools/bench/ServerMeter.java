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

    /** Takes the baseline (before any client connects): the live objects of the Java services. */
    ServerMeter(Map<String, Long> pids) {
        this(pids, true);
    }

    /**
     * @param fullGcs whether the idle figures are taken from the live objects of every Java service (a {@code jcmd}
     *                run per process, each a JVM start and a full GC, before and after connecting); without them there are no
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
     * Takes a class histogram of the live objects of every Java service process ({@code jcmd <pid>
     * GC.class_histogram}, from this tool's JDK, which runs a full GC first) so that memory figures count what
     * connections keep, not garbage not yet collected; records each one's live bytes.
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
                Process histogram = new ProcessBuilder(jcmd.toString(), Long.toString(pid), "GC.class_histogram")
                        .redirectErrorStream(true).start();
                String text = new String(histogram.getInputStream().readAllBytes());
                histogram.waitFor(60, TimeUnit.SECONDS);
                heapInto.put(svc, liveObjectBytes(text));
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

    /**
     * The bytes of the live objects in a {@code GC.class_histogram}: its total, less the filler arrays a full GC
     * of the serial collector leaves where it chose not to compact dead objects away ({@code
     * MarkSweepDeadRatio}). Those are dead space the heap's "used" figure counts, not objects anything keeps.
     */
    static long liveObjectBytes(String histogram) {
        long total = 0;
        long filler = 0;
        for (String line : histogram.split("\n")) {
            Matcher row = HISTOGRAM_ROW.matcher(line);
            if (row.find()) {
                if (row.group(2).contains("jdk.internal.vm.FillerElement") || row.group(2).contains("jdk.internal.vm.FillerArray")) {
                    filler += Long.parseLong(row.group(1));
                }
            } else {
                Matcher sum = HISTOGRAM_TOTAL.matcher(line);
                if (sum.find()) {
                    total = Long.parseLong(sum.group(1));
                }
            }
        }
        return Math.max(0, total - filler);
    }

    private static final Pattern HISTOGRAM_ROW = Pattern.compile("^\\s*\\d+:\\s+\\d+\\s+(\\d+)\\s+(\\S+)");
    private static final Pattern HISTOGRAM_TOTAL = Pattern.compile("^Total\\s+\\d+\\s+(\\d+)");

    /** Growth of the live objects per idle connection of each Java service, in bytes. */
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
