/**
 * Whether a user may see a media item through a post or message ({@code tangle.svc} attachment service for
 * media-service). Depends on posts and chat; posts depend only on {@code media}'s validator, so there is no cycle.
 */
package dev.tangle.api.media.attachment;
