package dev.tangle.common.json;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** Wire names of enums: the constant's name in lower case ({@code PUBLIC} is {@code "public"}). */
public final class Enums {

    private Enums() {
    }

    public static <E extends Enum<E>> Optional<E> parse(Class<E> type, String wire) {
        for (E constant : type.getEnumConstants()) {
            if (wire(constant).equals(wire)) {
                return Optional.of(constant);
            }
        }
        return Optional.empty();
    }

    public static String wire(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT);
    }

    static String names(Class<? extends Enum<?>> type) {
        return Arrays.stream(type.getEnumConstants()).map(Enums::wire).collect(Collectors.joining(", "));
    }
}
