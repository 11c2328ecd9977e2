package dev.tangle.socket.session;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SeqWindowTest {

    @Test
    void eachSeqIsNewOnceAlsoOutOfOrder() {
        SeqWindow w = new SeqWindow();
        assertThat(w.add(3)).isTrue();
        assertThat(w.add(1)).isTrue();
        assertThat(w.add(3)).isFalse();
        assertThat(w.add(2)).isTrue();
        assertThat(w.floor()).isEqualTo(3);
        assertThat(w.add(2)).isFalse();
    }

    @Test
    void raisingTheFloorKeepsWhatWasDeliveredAboveIt() {
        SeqWindow w = new SeqWindow();
        assertThat(w.add(71)).isTrue();
        w.raiseFloor(69);
        assertThat(w.add(70)).isTrue();
        assertThat(w.add(71)).isFalse();
        assertThat(w.floor()).isEqualTo(71);
        w.raiseFloor(1_000_000);
        assertThat(w.add(999_999)).isFalse();
        assertThat(w.add(1_000_001)).isTrue();
    }

    @Test
    void farAheadCountsEverythingMoreThan64BehindAsDelivered() {
        SeqWindow w = new SeqWindow();
        assertThat(w.add(200)).isTrue();
        assertThat(w.add(137)).isTrue();
        assertThat(w.add(136)).isFalse();
    }
}
