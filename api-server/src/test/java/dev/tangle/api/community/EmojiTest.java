package dev.tangle.api.community;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tangle.common.text.Emoji;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EmojiTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "👍", "❤️", "❤", "😂", "🎉",
        "👍🏽",                       // skin tone modifier
        "👨‍👩‍👧‍👦",                 // ZWJ family
        "🏳️‍🌈",                     // ZWJ with variation selector
        "🇫🇷",                       // flag: two regional indicators
        "1️⃣", "#️⃣",                 // keycaps
        "🏴󠁧󠁢󠁳󠁣󠁴󠁿",                 // subdivision flag (tag sequence)
        "©️"
    })
    void acceptsOneEmoji(String emoji) {
        assertThat(Emoji.isSingleEmoji(emoji)).as(emoji).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", "a", "1", "#", "ab", ":)", " ", "👍👍", "👍 ", "🇫🇷🇩🇪", "a\u0301", "é", "👍a", "\u200D", "\uFE0F",
        "\uD83D"                     // lone surrogate
    })
    void refusesAnythingElse(String text) {
        assertThat(Emoji.isSingleEmoji(text)).as(text).isFalse();
    }
}
