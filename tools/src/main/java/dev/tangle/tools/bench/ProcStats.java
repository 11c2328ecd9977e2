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

    /**
     * CPU of the process and of its descendants (PostgreSQL's work is done in its backends), counting reaped
     * children too; RSS of the process itself (children of a postmaster share most of their memory with it).
     */
    static Sample sample(long pid) {
        try {
            double cpu = cpuSeconds(pid, true);
            for (ProcessHandle child : ProcessHandle.of(pid).map(p -> p.descendants().toList()).orElse(List.of())) {
                cpu += cpuSeconds(child.pid(), false);
            }
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

    /** utime + stime (fields 14, 15) and, if asked, cutime + cstime of reaped children (16, 17); 0 if gone. */
    private static double cpuSeconds(long pid, boolean withReaped) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // fields after the ")" that closes the command name
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
            if (withReaped) {
                ticks += Long.parseLong(f[13]) + Long.parseLong(f[14]);
            }
            return ticks / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return 0;
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
