package dev.tangle.tools.bench;

import java.nio.charset.StandardCharsets;

/** Byte scanning for the hot receive path: finding a JSON key's value without building a tree. */
final class Scan {

    private Scan() {
    }

    static int indexOf(byte[] d, int from, int to, byte[] needle) {
        outer:
        for (int i = from; i <= to - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (d[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** The string value of the first {@code "key":"value"} (no escapes expected), or null. */
    static String stringField(byte[] d, int off, int len, byte[] quotedKeyColonQuote) {
        int at = indexOf(d, off, off + len, quotedKeyColonQuote);
        if (at < 0) {
            return null;
        }
        int start = at + quotedKeyColonQuote.length;
        for (int p = start; p < off + len; p++) {
            if (d[p] == '"') {
                return new String(d, start, p - start, StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    /** The number of the first {@code "key":123}, or -1. */
    static long longField(byte[] d, int off, int len, byte[] quotedKeyColon) {
        int at = indexOf(d, off, off + len, quotedKeyColon);
        if (at < 0) {
            return -1;
        }
        int p = at + quotedKeyColon.length;
        while (p < off + len && (d[p] == ' ' || d[p] == '"')) {
            p++;
        }
        long v = 0;
        int digits = 0;
        for (; p < off + len && d[p] >= '0' && d[p] <= '9'; p++, digits++) {
            v = v * 10 + (d[p] - '0');
        }
        return digits == 0 ? -1 : v;
    }

    static byte[] key(String name) {
        return ("\"" + name + "\":").getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] stringKey(String name) {
        return ("\"" + name + "\":\"").getBytes(StandardCharsets.US_ASCII);
    }
}
