package dev.tangle.tools.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LedgerTest {

    private final Population pop = new Population(6, 3); // groups {0,1,2} and {3,4,5}

    private Ledger ledgerWithAllReady() {
        pop.clients.forEach(c -> {
            c.readySince = 0;
            c.firstReady = 0;
        });
        return new Ledger(pop, 4);
    }

    @Test
    void countsMissingAndDuplicatesForAcknowledgedMessagesOnly() {
        Ledger ledger = ledgerWithAllReady();
        BenchClient sender = pop.member(0, 0);
        ledger.sent(0, sender, 10);
        ledger.sent(1, sender, 20);
        assertThat(ledger.acked(0)).isTrue();
        assertThat(ledger.acked(0)).as("second ack of the same message").isFalse();

        assertThat(ledger.delivered(0, pop.member(0, 1))).isTrue();
        assertThat(ledger.delivered(0, pop.member(0, 1))).isFalse();
        assertThat(ledger.delivered(0, sender)).as("the sender's own copy").isFalse();
        assertThat(ledger.delivered(0, pop.member(1, 0))).as("another group's member").isFalse();

        Ledger.Tally t = ledger.tally(0, 4, Ledger.Expectation.CONTINUOUS);
        assertThat(t.sent()).isEqualTo(2);
        assertThat(t.acked()).isEqualTo(1);
        assertThat(t.unacked()).isEqualTo(1);
        assertThat(t.expected()).isEqualTo(2);
        assertThat(t.missing()).as("member 2 never got message 0").isEqualTo(1);
        assertThat(ledger.duplicates.sum()).isEqualTo(1);
        assertThat(ledger.echoes.sum()).isEqualTo(1);
        assertThat(ledger.unexpected.sum()).isEqualTo(1);
    }

    @Test
    void aMemberThatDroppedIsNotExpectedUnlessItResumed() {
        Ledger ledger = ledgerWithAllReady();
        BenchClient sender = pop.member(1, 0);
        ledger.sent(2, sender, 100);
        ledger.acked(2);
        ledger.delivered(2, pop.member(1, 1));
        BenchClient dropped = pop.member(1, 2);
        dropped.readySince = 150; // reconnected after the send

        assertThat(ledger.tally(0, 4, Ledger.Expectation.CONTINUOUS).expected()).isEqualTo(1);
        assertThat(ledger.tally(0, 4, Ledger.Expectation.CONTINUOUS).missing()).isZero();
        assertThat(ledger.tally(0, 4, Ledger.Expectation.RESUMED).missing()).as("resume must fill the gap").isEqualTo(1);
    }

    @Test
    void sendersTakeTurnsAcrossGroupsAndMembers() {
        assertThat(pop.senderOf(0)).isSameAs(pop.member(0, 0));
        assertThat(pop.senderOf(1)).isSameAs(pop.member(1, 0));
        assertThat(pop.senderOf(2)).isSameAs(pop.member(0, 1));
        assertThat(pop.senderOf(7)).isSameAs(pop.member(1, 0));
    }
}
