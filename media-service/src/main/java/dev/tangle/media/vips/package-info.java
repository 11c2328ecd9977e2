/**
 * A small FFM binding to the OS's libvips 8 (thumbnail family, header fields, JPEG/WebP save with strip, pixels to
 * memory) — only what media-service uses. Images are reference counted by libvips; {@link
 * dev.tangle.media.vips.VipsImage} must be closed. Loaders marked untrusted by libvips are blocked.
 */
package dev.tangle.media.vips;
