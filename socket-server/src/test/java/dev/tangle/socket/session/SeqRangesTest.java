package dev.tangle.socket.session;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SeqRangesTest {

    @Test
    void eachSeqIsNewOnceAlsoOutOfOrder() {
        SeqRanges r = new SeqRanges();
        assertThat(r.add(3)).isTrue();
        assertThat(r.add(1)).isTrue();
        assertThat(r.add(3)).isFalse();
        assertThat(r.ranges()).isEqualTo(2);
        assertThat(r.add(2)).isTrue();
        assertThat(r.ranges()).isEqualTo(1);
        assertThat(r.add(2)).isFalse();
        assertThat(r.highest()).isEqualTo(3);
    }

    @Test
    void addNextExtendsOnlyTheTopRangeByOne() {
        SeqRanges r = new SeqRanges();
        assertThat(r.addNext(1)).isFalse(); // nothing had yet: the caller takes the general path
        r.add(5);
        assertThat(r.addNext(7)).isFalse();
        assertThat(r.addNext(5)).isFalse();
        assertThat(r.addNext(6)).isTrue();
        assertThat(r.contains(6)).isTrue();
        assertThat(r.contains(7)).isFalse();
        assertThat(r.add(6)).isFalse();
        assertThat(r.highest()).isEqualTo(6);
        assertThat(r.ranges()).isEqualTo(1);
    }

    @Test
    void addNextAndAddSeeTheSameRanges() {
        SeqRanges r = new SeqRanges();
        r.add(5);
        assertThat(r.addNext(6)).isTrue();
        assertThat(r.addNext(7)).isTrue();
        assertThat(r.add(3)).isTrue(); // below the top range: the general path, after the in-order ones
        assertThat(r.ranges()).isEqualTo(2);
        assertThat(r.contains(7)).isTrue();
        assertThat(r.contains(4)).isFalse();
        assertThat(r.add(7)).isFalse();
        assertThat(r.add(4)).isTrue();
        assertThat(r.ranges()).isEqualTo(1);
        assertThat(r.highest()).isEqualTo(7);
        assertThat(r.addNext(8)).isTrue();
        assertThat(r.add(9)).isTrue();
        assertThat(r.contains(8)).isTrue();
        assertThat(r.highest()).isEqualTo(9);
    }

    @Test
    void aCursorBelowDeliveredSeqsKeepsTheHoleBetweenThem() {
        SeqRanges r = new SeqRanges();
        r.add(80);
        r.add(81);
        r.addUpTo(8);
        assertThat(r.contains(8)).isTrue();
        assertThat(r.contains(9)).isFalse();
        assertThat(r.contains(79)).isFalse();
        assertThat(r.contains(81)).isTrue();
        for (long s = 9; s <= 79; s++) {
            assertThat(r.add(s)).isTrue();
        }
        assertThat(r.ranges()).isEqualTo(1);
        assertThat(r.highest()).isEqualTo(81);
    }

    @Test
    void farOutOfOrderNeverCountsAnUndeliveredSeq() {
        SeqRanges r = new SeqRanges();
        r.add(1);
        r.add(1000);
        assertThat(r.contains(500)).isFalse();
        assertThat(r.add(500)).isTrue();
        r.addUpTo(2000);
        assertThat(r.ranges()).isEqualTo(1);
        assertThat(r.contains(1500)).isTrue();
    }

    @Test
    void tooManyHolesMergeTheLowest() {
        SeqRanges r = new SeqRanges();
        for (int i = 0; i <= SeqRanges.MAX_RANGES; i++) {
            r.add(i * 10L);
        }
        assertThat(r.ranges()).isEqualTo(SeqRanges.MAX_RANGES);
        assertThat(r.contains(5)).isTrue();
        assertThat(r.contains(15)).isFalse();
    }
}
