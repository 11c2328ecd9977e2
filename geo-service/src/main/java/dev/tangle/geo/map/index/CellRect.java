package dev.tangle.geo.map.index;

import java.util.ArrayList;
import java.util.List;

/**
 * The grid cells of one level that a box touches (inclusive bounds), and a cover of them by at most 16 aligned
 * cells of a coarser level, each one contiguous code range. A cell touched by the box counts whole: a box can
 * never cut a cell, which is what keeps the k rule from being cut around.
 */
record CellRect(int level, int x0, int y0, int x1, int y1) {

    /** The rectangles of a box: two across the antimeridian, unless their cells meet (then one, world-wide). */
    static List<CellRect> of(BBox box, int level) {
        List<BBox> parts = box.split();
        if (parts.size() == 1) {
            return List.of(one(box, level));
        }
        CellRect east = one(parts.get(0), level);
        CellRect west = one(parts.get(1), level);
        if (west.x1 + 1 >= east.x0) {
            return List.of(new CellRect(level, 0, east.y0, (1 << level) - 1, east.y1));
        }
        return List.of(east, west);
    }

    static CellRect one(BBox box, int level) {
        int x0 = Mercator.cell(Mercator.x(box.west()), level);
        int x1 = Mercator.cell(Mercator.x(box.east()), level);
        int y0 = Mercator.cell(Mercator.y(box.north()), level);
        int y1 = Mercator.cell(Mercator.y(box.south()), level);
        return new CellRect(level, x0, y0, x1, y1);
    }

    static CellRect single(int level, int x, int y) {
        return new CellRect(level, x, y, x, y);
    }

    boolean contains(long prefix) {
        int x = Mercator.cellX(prefix);
        int y = Mercator.cellY(prefix);
        return x >= x0 && x <= x1 && y >= y0 && y <= y1;
    }

    long cells() {
        return (long) (x1 - x0 + 1) * (y1 - y0 + 1);
    }

    /** Code ranges {from, to} covering every cell of the rectangle, at most 16. */
    List<long[]> cover() {
        return cover(16);
    }

    /** Code ranges {from, to} covering every cell of the rectangle by at most {@code max} aligned cells. */
    List<long[]> cover(int max) {
        int shift = 0;
        while ((long) ((x1 >> shift) - (x0 >> shift) + 1) * ((y1 >> shift) - (y0 >> shift) + 1) > max) {
            shift++;
        }
        int coarse = level - shift;
        List<long[]> ranges = new ArrayList<>();
        for (int y = y0 >> shift; y <= y1 >> shift; y++) {
            for (int x = x0 >> shift; x <= x1 >> shift; x++) {
                long p = Mercator.interleave(x, y);
                ranges.add(new long[] {Mercator.rangeStart(p, coarse), Mercator.rangeEnd(p, coarse)});
            }
        }
        ranges.sort((a, b) -> Long.compare(a[0], b[0]));
        return ranges;
    }
}
