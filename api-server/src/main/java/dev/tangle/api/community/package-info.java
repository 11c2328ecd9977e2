/**
 * Community: posts, nested comments, reactions and feeds, assembled by {@link dev.tangle.api.community.Community}.
 *
 * <p>Invariants: a post or comment the caller may not see is answered 404 wherever it can be reached (by id,
 * in feeds and lists, through its comments and reactions); blocks hide both ways; every change writes its
 * event to the outbox in the same transaction (see {@code docs/events.md}, Community). Who may see what is
 * decided in one place, {@link dev.tangle.api.community.post.PostAccess}; see docs/adr/0030.
 */
package dev.tangle.api.community;
