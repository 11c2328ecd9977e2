/**
 * Friend requests, friendships and blocks over REST, and the {@code tangle.svc.social.*} / audience services; reads go through {@code graph.SocialGraph}.
 */
package dev.tangle.api.social;
