package dev.tangle.geo.share;

import java.util.Locale;

/** How precisely viewers of a share see the location. */
public enum Precision {
    EXACT, APPROXIMATE;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Precision of(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }

    /** The better of two precisions. */
    public static Precision best(Precision a, Precision b) {
        return a == EXACT || b == EXACT ? EXACT : APPROXIMATE;
    }
}
