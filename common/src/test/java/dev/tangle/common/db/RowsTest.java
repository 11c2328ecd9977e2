package dev.tangle.common.db;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RowsTest {

    @Test
    void arrayLiteralQuotesEveryElementEscapesQuotesAndBackslashesAndWritesNullUnquoted() {
        List<Object> values = Arrays.asList("plain", null, "NULL", "a\"b", "back\\slash", "{x,y}", "", "😀 é", 42, 1.5);
        assertThat(Rows.array(values))
                .isEqualTo("{\"plain\",NULL,\"NULL\",\"a\\\"b\",\"back\\\\slash\",\"{x,y}\",\"\",\"😀 é\",\"42\",\"1.5\"}");
    }

    @Test
    void emptyArray() {
        assertThat(Rows.array(List.of())).isEqualTo("{}");
    }
}
