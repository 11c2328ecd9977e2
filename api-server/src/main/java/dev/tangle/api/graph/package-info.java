/**
 * The social graph as every feature reads it ({@link dev.tangle.api.graph.SocialGraph}: blocks, friendships,
 * group roles, whether a user exists). It depends on no feature, so users, social, groups, community and chat
 * may all ask it without importing each other.
 */
package dev.tangle.api.graph;
