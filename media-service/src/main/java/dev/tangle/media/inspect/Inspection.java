package dev.tangle.media.inspect;

import dev.tangle.media.item.MediaItem.GeoPoint;

/**
 * What an upload is, read from its header before any pixel is decoded.
 *
 * @param width      upright width (EXIF orientation applied)
 * @param height     upright height
 * @param durationMs a video's duration, else null
 * @param location   GPS from EXIF when the owner asked to keep it, else null
 */
public record Inspection(int width, int height, Long durationMs, GeoPoint location) {
}
