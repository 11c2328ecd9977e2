package dev.tangle.common.contract.chat;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Reactions on a message.
 *
 * @param counts emoji → number of users
 * @param mine   the caller's own emoji; absent in events, which go to every member
 */
public record Reactions(Map<String, Long> counts, @JsonInclude(JsonInclude.Include.NON_NULL) List<String> mine) {

    public static final Reactions NONE = new Reactions(Map.of(), List.of());

    /** The same counts without {@code mine}, for events. */
    public Reactions countsOnly() {
        return new Reactions(counts, null);
    }
}
