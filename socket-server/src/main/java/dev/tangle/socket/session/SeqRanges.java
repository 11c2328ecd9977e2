package dev.tangle.socket.session;

import java.util.Arrays;

/**
 * The message sequence numbers of one conversation a session has: delivered to it, or at or below a resume
 * cursor (the client said it has them). Sorted disjoint ranges; normally one, a second only while something
 * arrived out of order. Never counts a number as had that was not added (ADR 0045).
 */
final class SeqRanges {

    /** Beyond this many holes the two lowest ranges are merged (a hole counted as had); never seen in practice. */
    static final int MAX_RANGES = 64;

    private long[] starts = new long[1];
    private long[] ends = new long[1];
    private int count;
    /**
     * The end of the highest range, which {@link #addNext} moves without touching the arrays (one object to read
     * per in-order delivery instead of two); {@code ends[count - 1]} is brought up to date before anything else.
     */
    private long top;

    boolean isEmpty() {
        return count == 0;
    }

    /** The highest number had, or -1 when none. */
    long highest() {
        return count == 0 ? -1 : top;
    }

    boolean contains(long seq) {
        syncTop();
        int i = indexAtOrBefore(seq);
        return i >= 0 && seq <= ends[i];
    }

    /** @return true if {@code seq} was not had before; it is from now on */
    boolean add(long seq) {
        if (contains(seq)) {
            return false;
        }
        addRange(seq, seq);
        return true;
    }

    /**
     * The in-order case of {@link #add}, without its search: {@code seq} is had from now on if it is the one right
     * after the highest had (then true); otherwise nothing changes (false).
     */
    boolean addNext(long seq) {
        if (count == 0 || seq != top + 1) {
            return false;
        }
        top = seq;
        return true;
    }

    /** Everything from 0 to {@code seq} is had (a resume cursor). */
    void addUpTo(long seq) {
        if (seq >= 0) {
            addRange(0, seq);
        }
    }

    int ranges() {
        return count;
    }

    private void addRange(long start, long end) {
        syncTop();
        int i = 0;
        while (i < count && ends[i] < start - 1) {
            i++;
        }
        int j = i;
        while (j < count && starts[j] <= end + 1) {
            start = Math.min(start, starts[j]);
            end = Math.max(end, ends[j]);
            j++;
        }
        int removed = j - i;
        if (removed == 0) {
            if (count == starts.length) {
                starts = Arrays.copyOf(starts, count * 2);
                ends = Arrays.copyOf(ends, count * 2);
            }
            System.arraycopy(starts, i, starts, i + 1, count - i);
            System.arraycopy(ends, i, ends, i + 1, count - i);
            count++;
        } else if (removed > 1) {
            System.arraycopy(starts, j, starts, i + 1, count - j);
            System.arraycopy(ends, j, ends, i + 1, count - j);
            count -= removed - 1;
        }
        starts[i] = start;
        ends[i] = end;
        top = ends[count - 1];
        if (count > MAX_RANGES) {
            addRange(starts[0], ends[1]);
        }
    }

    private void syncTop() {
        if (count > 0) {
            ends[count - 1] = top;
        }
    }

    private int indexAtOrBefore(long seq) {
        int i = count - 1;
        while (i >= 0 && starts[i] > seq) {
            i--;
        }
        return i;
    }
}
