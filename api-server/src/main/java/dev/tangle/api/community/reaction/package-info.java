/**
 * Reactions on posts and comments (one emoji per user each); provides the reaction counts posts and comments show.
 */
package dev.tangle.api.community.reaction;
