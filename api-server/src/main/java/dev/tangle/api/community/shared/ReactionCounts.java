package dev.tangle.api.community.shared;

import java.util.Collection;
import java.util.Map;
import java.util.UUID;

import io.helidon.dbclient.DbExecute;

/**
 * The reaction summaries of posts or comments as a viewer sees them. Posts and comments show them; the reaction
 * feature provides them (it depends on posts and comments, never the other way round).
 */
@FunctionalInterface
public interface ReactionCounts {

    Map<UUID, Reactions> summaries(DbExecute db, ReactionTarget target, Collection<UUID> targetIds, UUID viewer);
}
