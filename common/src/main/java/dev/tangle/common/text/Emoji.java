package dev.tangle.common.text;

import java.text.BreakIterator;
import java.util.Locale;

/**
 * The one emoji rule (chat and post reactions alike): exactly one emoji grapheme cluster — a pictographic code point, a flag (two regional
 * indicators) or a keycap, with only the parts an emoji sequence is built from (zero-width joiners, variation
 * selectors, skin-tone modifiers, tag characters). Plain letters, digits and punctuation are refused.
 */
public final class Emoji {

    /** No real emoji sequence is longer (the longest ZWJ families are about 25 UTF-16 units). */
    public static final int MAX_UTF16 = 40;

    private static final int ZWJ = 0x200D;
    private static final int VS15 = 0xFE0E;
    private static final int VS16 = 0xFE0F;
    private static final int KEYCAP = 0x20E3;

    private Emoji() {
    }

    public static boolean isSingleEmoji(String s) {
        if (s == null || s.isEmpty() || s.length() > MAX_UTF16 || !isOneGrapheme(s)) {
            return false;
        }
        boolean pictographic = false;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.isExtendedPictographic(cp) || Character.isEmojiPresentation(cp) || isRegionalIndicator(cp)
                    || cp == KEYCAP) {
                pictographic = true;
            } else if (!isSequencePart(cp)) {
                return false;
            }
        }
        return pictographic;
    }

    private static boolean isOneGrapheme(String s) {
        BreakIterator graphemes = BreakIterator.getCharacterInstance(Locale.ROOT);
        graphemes.setText(s);
        return graphemes.next() == s.length();
    }

    private static boolean isSequencePart(int cp) {
        return cp == ZWJ || cp == VS15 || cp == VS16 || Character.isEmojiModifier(cp) || Character.isEmojiComponent(cp)
                || Character.isEmoji(cp) || (cp >= 0xE0020 && cp <= 0xE007F);
    }

    private static boolean isRegionalIndicator(int cp) {
        return cp >= 0x1F1E6 && cp <= 0x1F1FF;
    }
}
