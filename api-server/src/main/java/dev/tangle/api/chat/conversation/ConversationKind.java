package dev.tangle.api.chat.conversation;

import dev.tangle.common.json.Enums;

/** The four kinds of conversation. */
public enum ConversationKind {
    /** Exactly one per pair of users; refused while either blocked the other. */
    DIRECT,
    /** Ad-hoc members; the creator manages them. */
    GROUP,
    /** Belongs to a group; its members are the group's members. */
    CHANNEL,
    /** Messages carry a position on a shared canvas. */
    CANVAS;

    public String wire() {
        return Enums.wire(this);
    }

    public static ConversationKind of(String wire) {
        return Enums.parse(ConversationKind.class, wire).orElseThrow(() -> new IllegalStateException("kind " + wire));
    }

    /** Whether members are added and removed by hand (not for direct or channel). */
    public boolean managedMembers() {
        return this == GROUP || this == CANVAS;
    }
}
