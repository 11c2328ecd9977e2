package dev.tangle.geo.map.index;

/**
 * Web Mercator unit square ([0,1) both ways, y down) and Morton (Z-order) codes of {@value #BITS} bits per axis.
 * A grid cell at level L is the set of codes sharing their top 2·L bits, so every cell of every level is one
 * contiguous range of codes: that is what the whole index leans on.
 */
public final class Mercator {

    /** Bits per axis of an item's code (≈ 2.4 m at the equator). */
    public static final int BITS = 24;
    public static final double MAX_LAT = 85.05112878;

    private Mercator() {
    }

    public static double x(double lon) {
        return clamp01((lon + 180.0) / 360.0);
    }

    public static double y(double lat) {
        double clamped = Math.max(-MAX_LAT, Math.min(MAX_LAT, lat));
        double sin = Math.sin(Math.toRadians(clamped));
        return clamp01(0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI));
    }

    public static double lon(double x) {
        return x * 360.0 - 180.0;
    }

    public static double lat(double y) {
        double n = Math.PI - 2.0 * Math.PI * y;
        return Math.toDegrees(Math.atan(Math.sinh(n)));
    }

    private static double clamp01(double v) {
        return v < 0 ? 0 : v >= 1 ? Math.nextDown(1.0) : v;
    }

    /** Cell coordinate of a unit-square coordinate at a level. */
    public static int cell(double v, int level) {
        int n = 1 << level;
        int c = (int) (v * n);
        return c < 0 ? 0 : Math.min(c, n - 1);
    }

    /** The code of a point. */
    public static long code(double lat, double lon) {
        return interleave(cell(x(lon), BITS), cell(y(lat), BITS));
    }

    /** The cell (as its code prefix) at {@code level} that holds {@code code}. */
    public static long prefix(long code, int level) {
        return code >>> (2 * (BITS - level));
    }

    /** First code inside the cell {@code prefix} of {@code level}. */
    public static long rangeStart(long prefix, int level) {
        return prefix << (2 * (BITS - level));
    }

    /** Last code inside the cell {@code prefix} of {@code level}. */
    public static long rangeEnd(long prefix, int level) {
        return rangeStart(prefix, level) + (1L << (2 * (BITS - level))) - 1;
    }

    public static long interleave(int x, int y) {
        return spread(x) | (spread(y) << 1);
    }

    public static int cellX(long prefix) {
        return compact(prefix);
    }

    public static int cellY(long prefix) {
        return compact(prefix >>> 1);
    }

    /** Offset of a code inside its cell of {@code level}, along x, in [0,1). */
    public static double offsetX(long code, int level) {
        int shift = BITS - level;
        return ((compact(code) & ((1 << shift) - 1)) + 0.5) / (1 << shift);
    }

    public static double offsetY(long code, int level) {
        int shift = BITS - level;
        return ((compact(code >>> 1) & ((1 << shift) - 1)) + 0.5) / (1 << shift);
    }

    private static long spread(int v) {
        long x = v & 0xFFFFFFFFL;
        x = (x | (x << 16)) & 0x0000FFFF0000FFFFL;
        x = (x | (x << 8)) & 0x00FF00FF00FF00FFL;
        x = (x | (x << 4)) & 0x0F0F0F0F0F0F0F0FL;
        x = (x | (x << 2)) & 0x3333333333333333L;
        x = (x | (x << 1)) & 0x5555555555555555L;
        return x;
    }

    private static int compact(long v) {
        long x = v & 0x5555555555555555L;
        x = (x | (x >>> 1)) & 0x3333333333333333L;
        x = (x | (x >>> 2)) & 0x0F0F0F0F0F0F0F0FL;
        x = (x | (x >>> 4)) & 0x00FF00FF00FF00FFL;
        x = (x | (x >>> 8)) & 0x0000FFFF0000FFFFL;
        x = (x | (x >>> 16)) & 0x00000000FFFFFFFFL;
        return (int) x;
    }
}
