package dev.tangle.socket.fanout;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HeadsTest {

    private final Heads heads = new Heads();
    private final UUID conversation = UUID.randomUUID();

    @Test
    void aHeadIsLearntFromACompleteReadAndRaisedByLiveMessages() {
        heads.track(conversation);
        heads.live(conversation, 5);
        assertThat(heads.head(conversation)).as("live messages alone teach nothing").isEqualTo(Heads.UNKNOWN);

        heads.learnt(heads.mark(conversation), 7);
        assertThat(heads.head(conversation)).isEqualTo(7);
        heads.live(conversation, 9);
        heads.live(conversation, 8);
        assertThat(heads.head(conversation)).isEqualTo(9);
        heads.learnt(heads.mark(conversation), 8);
        assertThat(heads.head(conversation)).as("an older read does not lower it").isEqualTo(9);
    }

    @Test
    void anInterruptionForgetsEveryHeadAndAReadBegunBeforeItTeachesNothing() {
        heads.track(conversation);
        heads.learnt(heads.mark(conversation), 3);
        Heads.Mark before = heads.mark(conversation);
        heads.interrupted();
        assertThat(heads.head(conversation)).isEqualTo(Heads.UNKNOWN);
        heads.live(conversation, 4);
        heads.learnt(before, 4);
        assertThat(heads.head(conversation)).isEqualTo(Heads.UNKNOWN);
        heads.learnt(heads.mark(conversation), 4);
        assertThat(heads.head(conversation)).isEqualTo(4);
    }

    @Test
    void aReadBegunOnAnEndedSubscriptionDoesNotTeachTheNextOne() {
        heads.track(conversation);
        Heads.Mark old = heads.mark(conversation);
        heads.untrack(conversation);
        assertThat(heads.mark(conversation)).isNull();
        heads.track(conversation);
        heads.learnt(old, 10);
        assertThat(heads.head(conversation)).isEqualTo(Heads.UNKNOWN);
        heads.learnt(null, 10);
        assertThat(heads.head(conversation)).isEqualTo(Heads.UNKNOWN);
    }
}
