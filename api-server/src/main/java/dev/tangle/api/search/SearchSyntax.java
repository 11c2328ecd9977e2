package dev.tangle.api.search;

import java.util.ArrayList;
import java.util.List;

import dev.tangle.common.error.Problems;

/**
 * The query language of {@code GET /v1/search?q=} (docs/api.md "Search"), turned into PostgreSQL {@code tsquery}
 * text that is safe whatever the user typed: every word goes in as a quoted lexeme, so nothing a user writes is
 * read as a tsquery operator.
 *
 * <ul>
 *   <li>{@code word word} — both (stemmed: {@code running} finds {@code runs});</li>
 *   <li>{@code "exact phrase"} — the words next to each other, in order;</li>
 *   <li>{@code prefix*} — any word starting with it;</li>
 *   <li>{@code -word}, {@code -"phrase"} — without it;</li>
 *   <li>{@code a OR b} — either.</li>
 * </ul>
 *
 * @param tsquery the query for {@code to_tsquery(config, ...)}
 * @param plain   the positive words alone, for {@code phraseto_tsquery}: a match of them as a phrase ranks first
 * @param prefix  whether a term is a prefix (its index lookup may match a large part of all rows)
 */
public record SearchSyntax(String tsquery, String plain, boolean prefix) {

    static final int MAX_LENGTH = 256;
    static final int MAX_TERMS = 32;

    public static SearchSyntax parse(String q) {
        if (q == null || q.isBlank()) {
            throw Problems.validation("q", "is required");
        }
        if (q.length() > MAX_LENGTH) {
            throw Problems.validation("q", "must be at most " + MAX_LENGTH + " characters");
        }
        List<String> terms = new ArrayList<>();
        StringBuilder plain = new StringBuilder();
        boolean or = false;
        int i = 0;
        while (i < q.length()) {
            char c = q.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            boolean negated = c == '-' && i + 1 < q.length() && !Character.isWhitespace(q.charAt(i + 1));
            if (negated) {
                i++;
            }
            String term;
            if (q.charAt(i) == '"') {
                int end = q.indexOf('"', i + 1);
                String phrase = q.substring(i + 1, end < 0 ? q.length() : end);
                i = end < 0 ? q.length() : end + 1;
                List<String> words = words(phrase);
                if (words.isEmpty()) {
                    continue;
                }
                term = "(" + String.join(" <-> ", words.stream().map(SearchSyntax::lexeme).toList()) + ")";
                if (!negated) {
                    words.forEach(w -> plain.append(w).append(' '));
                }
            } else {
                int end = i;
                while (end < q.length() && !Character.isWhitespace(q.charAt(end))) {
                    end++;
                }
                String word = q.substring(i, end);
                i = end;
                if (word.equals("OR") && !negated) {
                    or = !terms.isEmpty();
                    continue;
                }
                boolean prefix = word.endsWith("*");
                word = word.replaceAll("\\*+$", "");
                if (word.isEmpty()) {
                    continue;
                }
                term = lexeme(word) + (prefix ? ":*" : "");
                if (!negated && !prefix) {
                    plain.append(word).append(' ');
                }
            }
            if (terms.size() == MAX_TERMS) {
                throw Problems.validation("q", "must have at most " + MAX_TERMS + " terms");
            }
            term = negated ? "!" + term : term;
            if (or) {
                terms.set(terms.size() - 1, "(" + terms.getLast() + " | " + term + ")");
                or = false;
            } else {
                terms.add(term);
            }
        }
        if (terms.isEmpty() || terms.stream().allMatch(t -> t.startsWith("!"))) {
            throw Problems.validation("q", "needs at least one word to look for");
        }
        return new SearchSyntax(String.join(" & ", terms), plain.toString().trim(),
                terms.stream().anyMatch(t -> t.contains("':*")));
    }

    private static List<String> words(String phrase) {
        return List.of(phrase.trim().split("\\s+")).stream().filter(w -> !w.isEmpty()).toList();
    }

    /** A quoted tsquery operand: quotes doubled, backslashes escaped; the text search parser normalizes it. */
    private static String lexeme(String word) {
        return "'" + word.replace("\\", "\\\\").replace("'", "''") + "'";
    }
}
