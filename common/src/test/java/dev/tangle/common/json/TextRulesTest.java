package dev.tangle.common.json;

import dev.tangle.common.error.ApiException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TextRulesTest {

    @Test
    void allowsOrdinaryTextEmojiAndLineBreaks() {
        assertThat(TextRules.valid("café ☕ 👩‍👩‍👧 tab\there\r\nnew line \u007f \u00a0 \uFFFD \uD83D\uDE00")).isTrue();
        assertThat(TextRules.valid("")).isTrue();
    }

    @Test
    void refusesNulControlsLoneSurrogatesAndNoncharacters() {
        for (String bad : new String[] {"a\u0000b", "\u0001", "\u001b[31m", "\u000b", "x\uD800", "\uDC00x", "\uDC00\uD800",
                "\uFFFE", "\uFFFF", "\uFDD0", "\uFDEF", "\uD83F\uDFFE", "\uDBFF\uDFFF"}) {
            assertThat(TextRules.valid(bad)).as(escape(bad)).isFalse();
        }
        assertThat(TextRules.firstInvalid("ab\u0000")).isEqualTo(2);
    }

    @Test
    void checkNamesTheFieldOfANestedOrIndexedValue() {
        var node = Json.tree("{\"a\":\"ok\",\"position\":{\"name\":\"x\\u0000\"}}".getBytes());
        assertThatThrownBy(() -> TextRules.check(node)).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.code()).isEqualTo("validation_failed");
            assertThat(e.fieldErrors().getFirst().field()).isEqualTo("position.name");
        });
        var array = Json.tree("{\"mediaIds\":[\"ok\",\"\\ud800\"]}".getBytes());
        assertThatThrownBy(() -> TextRules.check(array)).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.fieldErrors().getFirst().field()).isEqualTo("mediaIds[1]"));
        var name = Json.tree("{\"bad\\u0000name\":1}".getBytes());
        assertThatThrownBy(() -> JsonBody.of(name)).isInstanceOf(ApiException.class);
    }

    private static String escape(String s) {
        StringBuilder b = new StringBuilder();
        s.chars().forEach(c -> b.append(String.format("\\u%04x", c)));
        return b.toString();
    }
}
