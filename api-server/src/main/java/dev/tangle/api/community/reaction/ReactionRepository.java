package dev.tangle.api.community.reaction;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.tangle.api.community.shared.ReactionCounts;
import dev.tangle.api.community.shared.ReactionTarget;
import dev.tangle.api.community.shared.Reactions;
import dev.tangle.common.db.Rows;
import io.helidon.dbclient.DbExecute;

/** SQL for {@code post_reactions} and {@code comment_reactions}: one row per (target, user, emoji). */
public final class ReactionRepository implements ReactionCounts {


    /** Adds the reaction; false if the user had already reacted with that emoji. */
    public boolean add(DbExecute tx, ReactionTarget target, UUID targetId, UUID userId, String emoji) {
        return tx.createInsert("INSERT INTO " + target.table() + " (" + target.column() + ", user_id, emoji) VALUES (?, ?, ?) "
                        + "ON CONFLICT DO NOTHING")
                .addParam(targetId).addParam(userId).addParam(emoji).execute() == 1;
    }

    /** Removes the reaction; false if there was none. */
    public boolean remove(DbExecute tx, ReactionTarget target, UUID targetId, UUID userId, String emoji) {
        return tx.createDelete("DELETE FROM " + target.table() + " WHERE " + target.column() + " = ? AND user_id = ? AND emoji = ?")
                .addParam(targetId).addParam(userId).addParam(emoji).execute() == 1;
    }

    /** Counts and the viewer's own reactions for each target; targets without reactions map to {@link Reactions#NONE}. */
    @Override
    public Map<UUID, Reactions> summaries(DbExecute db, ReactionTarget target, Collection<UUID> targetIds, UUID viewer) {
        Map<UUID, Reactions> result = new HashMap<>();
        if (targetIds.isEmpty()) {
            return result;
        }
        Map<UUID, Map<String, Long>> counts = new HashMap<>();
        Map<UUID, List<String>> mine = new HashMap<>();
        db.createQuery("SELECT " + target.column() + " AS target_id, emoji, count(*) AS n, bool_or(user_id = ?) AS mine "
                        + "FROM " + target.table() + " WHERE " + target.column() + " = ANY(?::uuid[]) "
                        + "GROUP BY " + target.column() + ", emoji ORDER BY n DESC, emoji")
                .addParam(viewer).addParam(Rows.uuidArray(targetIds)).execute()
                .forEach(row -> {
                    UUID id = Rows.uuid(row, "target_id");
                    String emoji = Rows.string(row, "emoji");
                    counts.computeIfAbsent(id, k -> new LinkedHashMap<>()).put(emoji, Rows.longValue(row, "n"));
                    if (Rows.bool(row, "mine")) {
                        mine.computeIfAbsent(id, k -> new ArrayList<>()).add(emoji);
                    }
                });
        for (UUID id : targetIds) {
            result.put(id, counts.containsKey(id)
                    ? new Reactions(counts.get(id), mine.getOrDefault(id, List.of())) : Reactions.NONE);
        }
        return result;
    }
}
