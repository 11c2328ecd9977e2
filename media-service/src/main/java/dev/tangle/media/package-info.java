/**
 * media-service: uploads (one-shot and tus), blob storage, processing jobs on {@code TANGLE_JOBS}, and authorized
 * serving of images and videos. {@link dev.tangle.media.Main} is the composition root. See docs/media.md.
 */
package dev.tangle.media;
