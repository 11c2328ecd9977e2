package dev.tangle.socket.session;

/**
 * Which message sequence numbers of one conversation a session has been given: everything at or below
 * {@code floor}, plus a 64-bit mask of the numbers just above it. Tolerates live events arriving up to 64
 * places out of order; anything further behind counts as delivered. 16 bytes per conversation.
 */
final class SeqWindow {

    private long floor;
    private long mask;

    /** Marks everything up to {@code seq} delivered (the client has it). */
    void raiseFloor(long seq) {
        if (seq <= floor) {
            return;
        }
        long shift = seq - floor;
        mask = shift >= 64 ? 0 : mask >>> shift;
        floor = seq;
        settle();
    }

    /** @return true if {@code seq} was not delivered before; it counts as delivered from now on */
    boolean add(long seq) {
        if (seq <= floor) {
            return false;
        }
        long offset = seq - floor - 1;
        if (offset >= 64) {
            long shift = offset - 63;
            mask = shift >= 64 ? 0 : mask >>> shift;
            floor += shift;
            offset = 63;
        }
        if ((mask >>> offset & 1) != 0) {
            return false;
        }
        mask |= 1L << offset;
        settle();
        return true;
    }

    long floor() {
        return floor;
    }

    private void settle() {
        while ((mask & 1) != 0) {
            mask >>>= 1;
            floor++;
        }
    }
}
