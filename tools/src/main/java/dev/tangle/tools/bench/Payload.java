package dev.tangle.tools.bench;

import java.nio.charset.StandardCharsets;

/**
 * The benchmark message text: {@code tb1.<msgIndex>.<intendedNanos>.} then 'x' padding up to the asked size.
 * {@code intendedNanos} is the open-loop intended send time, in nanoseconds since the run's monotonic base,
 * so a receiver in the same JVM measures latency from the schedule, not from when the send happened.
 */
final class Payload {

    private static final byte[] MARK = "tb1.".getBytes(StandardCharsets.US_ASCII);

    private Payload() {
    }

    static String text(int msgIndex, long intendedNanos, int size) {
        StringBuilder sb = new StringBuilder(Math.max(size, 32)).append("tb1.").append(msgIndex).append('.')
                .append(intendedNanos).append('.');
        while (sb.length() < size) {
            sb.append('x');
        }
        return sb.toString();
    }

    /** Finds a payload in {@code d[off, off+len)}: {@code out[0]} = msgIndex, {@code out[1]} = nanos. */
    static boolean find(byte[] d, int off, int len, long[] out) {
        int at = Scan.indexOf(d, off, off + len, MARK);
        if (at < 0) {
            return false;
        }
        int end = off + len;
        int p = at + MARK.length;
        long idx = 0;
        int digits = 0;
        for (; p < end && d[p] >= '0' && d[p] <= '9'; p++, digits++) {
            idx = idx * 10 + (d[p] - '0');
        }
        if (digits == 0 || p >= end || d[p] != '.') {
            return false;
        }
        long nanos = 0;
        digits = 0;
        for (p++; p < end && d[p] >= '0' && d[p] <= '9'; p++, digits++) {
            nanos = nanos * 10 + (d[p] - '0');
        }
        if (digits == 0 || p >= end || d[p] != '.') {
            return false;
        }
        out[0] = idx;
        out[1] = nanos;
        return true;
    }
}
