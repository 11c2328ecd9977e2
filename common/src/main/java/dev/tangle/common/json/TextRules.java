package dev.tangle.common.json;

import java.util.Iterator;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tangle.common.error.ApiException;
import dev.tangle.common.error.Problems;

/**
 * Which characters a text input may hold: what PostgreSQL can store in {@code text} and every client can show
 * (docs/adr/0061). Allowed are TAB, LF, CR and every Unicode scalar value from U+0020 on, except the
 * noncharacters (U+FDD0–U+FDEF and the last two code points of every plane, U+FFFE, U+FFFF, U+1FFFE …). Refused:
 * NUL (PostgreSQL cannot store it) and the other C0 control characters, lone surrogates (not Unicode text; they
 * cannot be encoded in UTF-8), and the noncharacters. Nothing is stripped: a request holding one is a 400
 * {@code validation_failed} naming the field, and changes nothing. The same rule is XML 1.0's {@code Char}
 * production minus the noncharacters.
 */
public final class TextRules {

    private TextRules() {
    }

    /** Index of the first refused character, or -1. */
    public static int firstInvalid(CharSequence text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 0x20 && c < 0xD800) {
                if (c >= 0xFDD0 && c <= 0xFDEF) {
                    return i;
                }
                continue;
            }
            if (c < 0x20) {
                if (c != '\t' && c != '\n' && c != '\r') {
                    return i;
                }
                continue;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
                    return i;
                }
                int cp = Character.toCodePoint(c, text.charAt(i + 1));
                if ((cp & 0xFFFE) == 0xFFFE) {
                    return i;
                }
                i++;
                continue;
            }
            if (Character.isLowSurrogate(c) || (c >= 0xFDD0 && c <= 0xFDEF) || c == 0xFFFE || c == 0xFFFF) {
                return i;
            }
        }
        return -1;
    }

    /** Whether every character is allowed. */
    public static boolean valid(CharSequence text) {
        return firstInvalid(text) < 0;
    }

    /** What is wrong with a text, for the error message; e.g. {@code contains U+0000 at character 3}. */
    public static String problem(CharSequence text) {
        int i = firstInvalid(text);
        return "contains a character that is not allowed (U+" + String.format("%04X", (int) text.charAt(i))
               + " at index " + i + "; NUL, control characters other than tab and line breaks, lone surrogates "
               + "and noncharacters are refused)";
    }

    /** Throws a 400 naming {@code field} when the text holds a refused character. */
    public static void require(String field, CharSequence text) {
        if (text != null && !valid(text)) {
            throw Problems.validation(field, problem(text));
        }
    }

    /** Checks every string and field name of a parsed JSON value; the error names the field (dotted, indexed). */
    public static void check(JsonNode node) {
        check(node, "");
    }

    private static void check(JsonNode node, String path) {
        if (node.isTextual()) {
            require(path.isEmpty() ? "body" : path, node.textValue());
        } else if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                String name = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
                if (!valid(field.getKey())) {
                    throw invalidName(path, field.getKey());
                }
                check(field.getValue(), name);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                check(node.get(i), (path.isEmpty() ? "body" : path) + "[" + i + "]");
            }
        }
    }

    private static ApiException invalidName(String path, String name) {
        return Problems.validation(path.isEmpty() ? "body" : path, "has a field name that " + problem(name));
    }
}
