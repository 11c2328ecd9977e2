/**
 * The home, profile and group feeds (keyset pages, newest first).
 */
package dev.tangle.api.community.feed;
