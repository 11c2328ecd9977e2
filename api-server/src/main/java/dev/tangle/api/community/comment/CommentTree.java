package dev.tangle.api.community.comment;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import dev.tangle.api.community.shared.Reactions;
import dev.tangle.common.page.Cursor;
import dev.tangle.common.page.Page;
import dev.tangle.common.page.PageRequest;

/**
 * Turns the flat rows of {@link CommentRepository#tree} into nested pages: each listed comment gets
 * {@code replies: {items, nextCursor}}; at the depth limit {@code items} is empty and {@code nextCursor} (when
 * there are replies) starts them. A reply cursor is used as {@code ?parentId=<comment>&cursor=}. Comments by
 * users blocked either way become {@code hidden} placeholders when they have replies, and are left out when not.
 */
final class CommentTree {

    /** UUIDv7 order is the order of the canonical strings (PostgreSQL's uuid order), not UUID#compareTo. */
    private static final Comparator<StoredComment> BY_ID = Comparator.comparing(c -> c.id().toString());

    private final Map<UUID, List<StoredComment>> children = new HashMap<>();
    private final Map<UUID, Reactions> reactions;
    private final Set<UUID> hiddenAuthors;
    private final int levels;
    private final int replyLimit;

    private CommentTree(List<StoredComment> rows, Map<UUID, Reactions> reactions, Set<UUID> hiddenAuthors,
                        int levels, int replyLimit) {
        this.reactions = reactions;
        this.hiddenAuthors = hiddenAuthors;
        this.levels = levels;
        this.replyLimit = replyLimit;
        for (StoredComment row : rows) {
            if (row.level() > 0) {
                children.computeIfAbsent(row.parentId(), k -> new ArrayList<>()).add(row);
            }
        }
        children.values().forEach(list -> list.sort(BY_ID));
    }

    static Page<Comment> page(List<StoredComment> rows, PageRequest page, Map<UUID, Reactions> reactions,
                              Set<UUID> hiddenAuthors, int levels, int replyLimit) {
        CommentTree tree = new CommentTree(rows, reactions, hiddenAuthors, levels, replyLimit);
        List<StoredComment> top = rows.stream().filter(r -> r.level() == 0)
                .sorted(BY_ID).toList();
        return tree.build(top, page);
    }

    private Page<Comment> build(List<StoredComment> siblings, PageRequest page) {
        Page<StoredComment> kept = Page.of(siblings, page, c -> List.of(c.id().toString()));
        List<Comment> items = new ArrayList<>(kept.items().size());
        for (StoredComment c : kept.items()) {
            boolean hidden = hiddenAuthors.contains(c.authorId());
            if (hidden && c.replyCount() == 0) {
                continue;
            }
            items.add(Comment.of(c, reactions.getOrDefault(c.id(), Reactions.NONE), hidden, replies(c)));
        }
        return new Page<>(items, kept.nextCursor());
    }

    private Page<Comment> replies(StoredComment c) {
        if (c.level() >= levels) {
            String start = c.replyCount() > 0 ? Cursor.encode(List.of(CommentRepository.BEFORE_ALL.toString())) : null;
            return new Page<>(List.of(), start);
        }
        return build(children.getOrDefault(c.id(), List.of()), PageRequest.first(replyLimit));
    }
}
