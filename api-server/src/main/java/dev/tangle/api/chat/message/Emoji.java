package dev.tangle.api.chat.message;

import java.text.BreakIterator;

/** Reaction validation: exactly one emoji (one grapheme cluster that is an emoji, ZWJ sequences and flags included). */
public final class Emoji {

    private static final int MAX_CHARS = 32;

    private Emoji() {
    }

    public static boolean isSingle(String value) {
        if (value == null || value.isEmpty() || value.length() > MAX_CHARS) {
            return false;
        }
        BreakIterator graphemes = BreakIterator.getCharacterInstance();
        graphemes.setText(value);
        if (graphemes.next() != value.length()) {
            return false;
        }
        return value.codePoints().anyMatch(cp -> Character.isEmojiPresentation(cp) || Character.isExtendedPictographic(cp)
                                                 || cp == 0xFE0F || cp == 0x20E3 || (cp >= 0x1F1E6 && cp <= 0x1F1FF))
               && value.codePoints().allMatch(cp -> Character.isEmoji(cp) || Character.isEmojiComponent(cp)
                                                    || Character.isEmojiModifier(cp) || cp == 0x200D || cp == 0xFE0F
                                                    || cp == 0x20E3 || (cp >= 0xE0020 && cp <= 0xE007F));
    }
}
