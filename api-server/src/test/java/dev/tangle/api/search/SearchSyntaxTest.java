package dev.tangle.api.search;

import dev.tangle.common.error.ApiException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SearchSyntaxTest {

    @Test
    void wordsAreAndedAndQuoted() {
        assertThat(SearchSyntax.parse("hello  world").tsquery()).isEqualTo("'hello' & 'world'");
        assertThat(SearchSyntax.parse("hello  world").plain()).isEqualTo("hello world");
    }

    @Test
    void phrasesPrefixesNegationAndOr() {
        assertThat(SearchSyntax.parse("\"big red\" dog*").tsquery()).isEqualTo("('big' <-> 'red') & 'dog':*");
        assertThat(SearchSyntax.parse("cats -dogs").tsquery()).isEqualTo("'cats' & !'dogs'");
        assertThat(SearchSyntax.parse("cats OR dogs fish").tsquery()).isEqualTo("('cats' | 'dogs') & 'fish'");
        assertThat(SearchSyntax.parse("-\"no way\" yes").tsquery()).isEqualTo("!('no' <-> 'way') & 'yes'");
    }

    @Test
    void operatorCharactersAreNeverOperators() {
        assertThat(SearchSyntax.parse("a'b & c|d !e :* (f)").tsquery())
                .isEqualTo("'a''b' & '&' & 'c|d' & '!e' & ':':* & '(f)'");
        assertThat(SearchSyntax.parse("back\\slash").tsquery()).isEqualTo("'back\\\\slash'");
    }

    @Test
    void emptyOnlyNegatedOrOversizedQueriesAreRefusedNamingQ() {
        for (String q : new String[] {"", "   ", "-alone", "\"\"", "*", "x".repeat(257), "w ".repeat(40)}) {
            assertThatThrownBy(() -> SearchSyntax.parse(q)).as(q)
                    .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.fieldErrors().getFirst().field()).isEqualTo("q"));
        }
    }
}
