package dev.tangle.common.page;

import java.util.List;

import dev.tangle.common.error.ApiException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CursorTest {

    @Test
    void roundTripsKeys() {
        String cursor = Cursor.encode("2026-11-23T08:00:00Z", "0193a0c4-0000-7000-8000-000000000001", 42);
        assertThat(cursor).doesNotContain("=").doesNotContain("/").doesNotContain("+");
        assertThat(Cursor.decode(cursor, 3)).containsExactly("2026-11-23T08:00:00Z", "0193a0c4-0000-7000-8000-000000000001", "42");
    }

    @Test
    void garbageIsAValidationErrorOnCursor() {
        for (String bad : List.of("!!!", "bm90IGpzb24", Cursor.encode("one"), Cursor.encode("\u0000", "x"),
                Cursor.encode(List.of(List.of(1), "x")), "W251bGwsIngiXQ", "x".repeat(2000))) {
            assertThatThrownBy(() -> Cursor.decode(bad, 2))
                    .isInstanceOfSatisfying(ApiException.class, e -> {
                        assertThat(e.status()).isEqualTo(400);
                        assertThat(e.fieldErrors().getFirst().field()).isEqualTo("cursor");
                    });
        }
    }

    @Test
    void typedKeysOfTheWrongShapeAreValidationErrorsToo() {
        assertThatThrownBy(() -> Cursor.uuid("x")).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.fieldErrors().getFirst().field()).isEqualTo("cursor"));
        assertThatThrownBy(() -> Cursor.instant("y")).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.status()).isEqualTo(400));
        assertThat(Cursor.instant("2026-11-23T08:00:00Z")).hasToString("2026-11-23T08:00:00Z");
    }

    @Test
    void pageCutsAtLimitAndPointsPastLastItem() {
        PageRequest request = PageRequest.first(2);
        Page<Integer> page = Page.of(List.of(1, 2, 3), request, i -> List.of(i));
        assertThat(page.items()).containsExactly(1, 2);
        assertThat(Cursor.decode(page.nextCursor(), 1)).containsExactly("2");
        assertThat(Page.of(List.of(1, 2), request, i -> List.of(i)).nextCursor()).isNull();
    }
}
