package dev.tangle.api.community.shared;

import java.util.List;
import java.util.Map;

/**
 * Reactions on a post or comment as one viewer sees them: {@code {counts:{<emoji>: n}, mine:[<emoji>]}}.
 *
 * @param counts how many users reacted with each emoji, most used first
 * @param mine   the viewer's own reactions
 */
public record Reactions(Map<String, Long> counts, List<String> mine) {

    public static final Reactions NONE = new Reactions(Map.of(), List.of());
}
