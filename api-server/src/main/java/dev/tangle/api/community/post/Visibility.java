package dev.tangle.api.community.post;

import dev.tangle.common.json.Enums;

/** Who may read a post; wire names are lower case. */
public enum Visibility {
    PUBLIC, FRIENDS, PRIVATE, GROUP;

    public String wire() {
        return Enums.wire(this);
    }

    public static Visibility fromWire(String wire) {
        return Enums.parse(Visibility.class, wire).orElseThrow(() -> new IllegalArgumentException(wire));
    }
}
