package dev.tangle.common.json;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class Utf8Test {

    @Test
    void countsLikeTheEncoder() {
        for (String s : new String[] {"", "ascii", "é", "日本語", "👍🏽", "mixed é 日 👍"}) {
            assertThat(Utf8.length(s)).as(s).isEqualTo(s.getBytes(StandardCharsets.UTF_8).length);
        }
    }
}
