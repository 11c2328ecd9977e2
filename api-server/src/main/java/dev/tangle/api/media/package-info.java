/**
 * api-server's side of media (docs/adr/0082): validating {@code mediaIds} of posts and messages against
 * media-service, and answering media-service's question whether a user can see an attached item.
 */
package dev.tangle.api.media;
