package dev.tangle.tools.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;

/** CPU time and resident memory of server processes, straight from /proc (Linux), no extra tools. */
final class ProcStats {

    /** Clock ticks per second for /proc/[pid]/stat; 100 on every mainstream Linux. */
    private static final double TICKS_PER_SECOND = 100.0;

    private ProcStats() {
    }

    /** CPU seconds (user + system) and RSS bytes of one process at one moment. */
    record Sample(double cpuSeconds, long rssBytes) {
        static final Sample NONE = new Sample(0, 0);
    }

    static Sample sample(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // fields after the ")" that closes the command name; utime and stime are fields 14 and 15
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            double cpu = (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICKS_PER_SECOND;
            long rss = 0;
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    rss = Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
            return new Sample(cpu, rss);
        } catch (IOException | RuntimeException e) {
            return Sample.NONE;
        }
    }

    /** The process listening on a local TCP port, found through /proc/net/tcp{,6} and /proc/[pid]/fd. */
    static OptionalLong pidListeningOn(int port) {
        Set<String> inodes = new HashSet<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            try {
                for (String line : Files.readAllLines(Path.of(table))) {
                    String[] cols = line.trim().split("\\s+");
                    if (cols.length > 9 && "0A".equals(cols[3]) && cols[1].endsWith(":" + String.format("%04X", port))) {
                        inodes.add("socket:[" + cols[9] + "]");
                    }
                }
            } catch (IOException ignored) {
                // no IPv6 table on this host
            }
        }
        if (inodes.isEmpty()) {
            return OptionalLong.empty();
        }
        try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), p -> p.getFileName().toString().matches("\\d+"))) {
            for (Path proc : procs) {
                if (ownsAny(proc, inodes)) {
                    return OptionalLong.of(Long.parseLong(proc.getFileName().toString()));
                }
            }
        } catch (IOException e) {
            return OptionalLong.empty();
        }
        return OptionalLong.empty();
    }

    private static boolean ownsAny(Path proc, Set<String> inodes) {
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(proc.resolve("fd"))) {
            for (Path fd : fds) {
                try {
                    if (inodes.contains(Files.readSymbolicLink(fd).toString())) {
                        return true;
                    }
                } catch (IOException ignored) {
                    // fd closed meanwhile
                }
            }
        } catch (IOException | SecurityException ignored) {
            // not ours to read, or gone
        }
        return false;
    }
}
