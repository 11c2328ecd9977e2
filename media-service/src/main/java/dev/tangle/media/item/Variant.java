package dev.tangle.media.item;

/**
 * One re-encoded rendition of a media item, stored under {@link MediaItem#key}.
 *
 * @param contentType what is served
 * @param width       pixels
 * @param height      pixels
 * @param size        bytes
 * @param etag        strong validator (a hash of the bytes)
 */
public record Variant(String contentType, int width, int height, long size, String etag) {
}
