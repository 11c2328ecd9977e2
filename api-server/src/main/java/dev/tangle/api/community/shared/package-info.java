/**
 * What posts, comments and reactions share, so that none of them imports another's package back: reactions as a
 * viewer sees them ({@link dev.tangle.api.community.shared.Reactions}) and the query for them
 * ({@link dev.tangle.api.community.shared.ReactionCounts}, answered by the reaction repository), what can be reacted to
 * ({@link dev.tangle.api.community.shared.ReactionTarget}), and the community events written to the outbox in the
 * transaction of each change ({@link dev.tangle.api.community.shared.CommunityEvents}).
 */
package dev.tangle.api.community.shared;
