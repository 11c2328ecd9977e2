package dev.tangle.media.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import dev.tangle.media.process.ImageProcessor;
import dev.tangle.media.vips.Vips;
import dev.tangle.media.vips.VipsImage;

/**
 * {@code ./tangle bench media [--files N] [--workers W]}: thumbnails per second of generated 12-megapixel
 * photo-like JPEGs (about 6 MB) → 512 px with W workers through media-service's libvips binding (the thumb step of
 * a job: shrink-on-load, auto-rotate, strip, JPEG save), and peak memory per job (peak RSS above the idle process,
 * divided by the workers); beside it, in the same run, {@code vipsthumbnail} given all files in one process.
 */
public final class MediaBench {

    private MediaBench() {
    }

    public static void main(String[] args) throws Exception {
        run(List.of(args));
    }

    public static void run(List<String> args) throws Exception {
        int files = intOption(args, "--files", 24);
        int workers = intOption(args, "--workers", 2);
        int rounds = intOption(args, "--rounds", 5);
        int vipsThreads = intOption(args, "--vips-threads", 1);
        Path dir = Path.of(".tangle", "bench", "media").toAbsolutePath();
        Files.createDirectories(dir.resolve("in"));
        System.out.println("media bench: " + files + " JPEGs of 4000x3000 -> " + ImageProcessor.THUMB + " px, "
                           + workers + " workers, " + rounds + " interleaved rounds");
        List<Path> inputs = new ArrayList<>();
        long bytes = 0;
        for (int i = 0; i < files; i++) {
            Path p = PhotoGenerator.generate(dir.resolve("in"), i, 4000, 3000);
            inputs.add(p);
            bytes += Files.size(p);
        }
        System.out.printf("  inputs: %.1f MB average%n", bytes / 1e6 / files);
        Vips vips = Vips.load();
        vips.concurrency(vipsThreads); // as media-service runs it (media.jobs.vips-threads)
        long idle = rss(ProcessHandle.current().pid()); // libvips loaded, no image seen yet
        AtomicLong peak = new AtomicLong(idle);
        AtomicBoolean sampling = new AtomicBoolean(true);
        Thread sampler = Thread.ofPlatform().daemon().start(() -> sample(ProcessHandle.current().pid(), peak, sampling));
        run(vips, inputs, dir.resolve("warm"), workers); // warm-up: JIT, page cache
        double oursSeconds = 0;
        double peerSeconds = 0;
        long peerPeak = 0;
        List<Double> ratios = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {   // interleaved, so both see the same machine load
            Result ours = run(vips, inputs, dir.resolve("ours"), workers);
            Result peer = vipsthumbnail(inputs, dir.resolve("peer"));
            oursSeconds += inputs.size() / ours.perSecond;
            peerSeconds += inputs.size() / peer.perSecond;
            peerPeak = Math.max(peerPeak, peer.peakBytes);
            ratios.add(ours.perSecond / peer.perSecond);
            System.out.printf("  round %d: tangle %.2f images/s, vipsthumbnail %.2f images/s (%.2f×)%n", r + 1,
                    ours.perSecond, peer.perSecond, ours.perSecond / peer.perSecond);
        }
        sampling.set(false);
        sampler.join();
        double ours = rounds * inputs.size() / oursSeconds;
        double peer = rounds * inputs.size() / peerSeconds;
        ratios.sort(null);
        long perJob = (peak.get() - idle) / workers;
        System.out.println();
        System.out.println("  | measure | tangle media (" + workers + " workers) | vipsthumbnail (one process, all files) |");
        System.out.println("  |---|---|---|");
        System.out.printf("  | thumbnails/s (all rounds) | %.2f | %.2f |%n", ours, peer);
        System.out.printf("  | ratio to vipsthumbnail | %.2f× overall, %.2f× median round (target ≥ 0.8×) | 1.00× |%n",
                ours / peer, ratios.get(ratios.size() / 2));
        System.out.printf("  | peak memory | %.1f MB per job: process RSS above idle (heap pre-touched) %.1f MB / %d; "
                          + "libvips pixel buffers %.1f MB high-water (target ≤ 64 MB) | %.1f MB process RSS |%n", perJob / 1e6,
                (peak.get() - idle) / 1e6, workers, vips.memoryHighwater() / 1e6, peerPeak / 1e6);
        System.out.printf("  | libvips | %s, %d thread(s) per job | same library, its default threads |%n",
                vips.version(), vipsThreads);
        Runtime rt = Runtime.getRuntime();
        System.out.printf("  (JVM heap in use at the end: %.1f MB)%n", (rt.totalMemory() - rt.freeMemory()) / 1e6);
    }

    record Result(double perSecond, long peakBytes) {
    }

    private static Result run(Vips vips, List<Path> inputs, Path out, int workers) throws Exception {
        Files.createDirectories(out);
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        long start = System.nanoTime();
        List<Future<?>> jobs = new ArrayList<>();
        for (Path in : inputs) {
            jobs.add(pool.submit(() -> {
                try (VipsImage thumb = vips.thumbnail(in, ImageProcessor.THUMB, ImageProcessor.THUMB, Vips.FAIL_ON_TRUNCATED)) {
                    vips.saveJpeg(thumb, out.resolve(in.getFileName()), 82);
                }
                return null;
            }));
        }
        for (Future<?> f : jobs) {
            f.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        return new Result(inputs.size() / seconds, 0);
    }

    private static Result vipsthumbnail(List<Path> inputs, Path out) throws Exception {
        Files.createDirectories(out);
        List<String> command = new ArrayList<>(List.of("vipsthumbnail", "--size", ImageProcessor.THUMB + "x"
                + ImageProcessor.THUMB, "-o", out + "/%s.jpg[Q=82,strip]"));
        inputs.forEach(p -> command.add(p.toString()));
        long start = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        AtomicLong peak = new AtomicLong();
        AtomicBoolean running = new AtomicBoolean(true);
        Thread sampler = Thread.ofPlatform().daemon().start(() -> sample(process.pid(), peak, running));
        int rc = process.waitFor();
        double seconds = (System.nanoTime() - start) / 1e9;
        running.set(false);
        sampler.join();
        if (rc != 0) {
            throw new IllegalStateException("vipsthumbnail exited with " + rc);
        }
        return new Result(inputs.size() / seconds, peak.get());
    }

    private static void sample(long pid, AtomicLong peak, AtomicBoolean running) {
        while (running.get()) {
            long rss = rss(pid);
            peak.accumulateAndGet(rss, Math::max);
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Resident set size in bytes from /proc, 0 once the process is gone. */
    static long rss(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            return 0;
        }
        return 0;
    }

    private static int intOption(List<String> args, String name, int defaultValue) {
        int i = args.indexOf(name);
        return i >= 0 && i + 1 < args.size() ? Integer.parseInt(args.get(i + 1)) : defaultValue;
    }
}
