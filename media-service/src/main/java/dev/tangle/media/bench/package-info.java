/** {@code ./tangle bench media}: the thumbnail path of media-service beside {@code vipsthumbnail}, same run. */
package dev.tangle.media.bench;
