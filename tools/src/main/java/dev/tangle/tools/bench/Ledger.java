package dev.tangle.tools.bench;

import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * Accounting per message: who sent it when, whether the server acknowledged it, and one bit per group member
 * that received it. Missing and duplicated deliveries are counted here, never inferred (ADR 0052).
 */
final class Ledger {

    static final int UNSENT = 0;
    static final int SENT = 1;
    static final int ACKED = 2;
    static final int FAILED = 3;

    private final Population pop;
    private final int words;
    private final long[] intended;
    private final int[] sender;
    private final AtomicIntegerArray state;
    private final AtomicLongArray seen;
    final LongAdder delivered = new LongAdder();
    final LongAdder duplicates = new LongAdder();
    final LongAdder unexpected = new LongAdder();
    final LongAdder echoes = new LongAdder();

    Ledger(Population pop, int messages) {
        this.pop = pop;
        this.words = (pop.groupSize + 63) / 64;
        this.intended = new long[messages];
        this.sender = new int[messages];
        this.state = new AtomicIntegerArray(messages);
        this.seen = new AtomicLongArray(Math.multiplyExact(messages, words));
    }

    int capacity() {
        return intended.length;
    }

    void sent(int msg, BenchClient from, long intendedNanos) {
        intended[msg] = intendedNanos;
        sender[msg] = from.index;
        state.set(msg, SENT);
    }

    /** True the first time {@code msg} is acknowledged. */
    boolean acked(int msg) {
        return state.compareAndSet(msg, SENT, ACKED);
    }

    void failed(int msg) {
        state.compareAndSet(msg, SENT, FAILED);
    }

    long intended(int msg) {
        return intended[msg];
    }

    boolean wasAcked(int msg) {
        return state.get(msg) == ACKED;
    }

    boolean wasSent(int msg) {
        return state.get(msg) != UNSENT;
    }

    BenchClient senderOf(int msg) {
        return pop.clients.get(sender[msg]);
    }

    /** Records that {@code to} received {@code msg}; true for a first delivery to a member other than the sender. */
    boolean delivered(int msg, BenchClient to) {
        if (msg < 0 || msg >= intended.length || state.get(msg) == UNSENT) {
            unexpected.increment();
            return false;
        }
        BenchClient from = pop.clients.get(sender[msg]);
        if (from.group != to.group) {
            unexpected.increment();
            return false;
        }
        if (from == to) {
            echoes.increment();
            return false;
        }
        int slot = msg * words + (to.position >>> 6);
        long bit = 1L << (to.position & 63);
        long old;
        do {
            old = seen.get(slot);
            if ((old & bit) != 0) {
                duplicates.increment();
                return false;
            }
        } while (!seen.compareAndSet(slot, old, old | bit));
        delivered.increment();
        return true;
    }

    /**
     * Counts messages {@code [from, to)}: a delivery is expected for every acknowledged message and every other
     * member of its group for whom {@code rule} says the message fell inside a connected lifetime.
     */
    Tally tally(int from, int to, Expectation rule) {
        long sent = 0;
        long acked = 0;
        long failed = 0;
        long expected = 0;
        long missing = 0;
        for (int m = from; m < to; m++) {
            int s = state.get(m);
            if (s == UNSENT) {
                continue;
            }
            sent++;
            if (s == FAILED) {
                failed++;
            }
            if (s != ACKED) {
                continue;
            }
            acked++;
            BenchClient snd = pop.clients.get(sender[m]);
            int size = pop.sizeOf(snd.group);
            for (int p = 0; p < size; p++) {
                BenchClient member = pop.member(snd.group, p);
                if (member == snd || !rule.expects(member, intended[m])) {
                    continue;
                }
                expected++;
                if ((seen.get(m * words + (p >>> 6)) & (1L << (p & 63))) == 0) {
                    missing++;
                }
            }
        }
        return new Tally(sent, acked, failed, expected, missing);
    }

    /** Whether a member must receive a message sent at a given time. */
    interface Expectation {
        boolean expects(BenchClient member, long sentNanos);

        /** Connected before the send and never dropped since: a live subscriber for the message's whole life. */
        Expectation CONTINUOUS = (m, t) -> m.readySince <= t;
        /** Connected once before the send and connected now: resume must have filled any gap. */
        Expectation RESUMED = (m, t) -> m.firstReady <= t && m.isReady();
    }

    record Tally(long sent, long acked, long failed, long expected, long missing) {
        long unacked() {
            return sent - acked - failed;
        }
    }
}
