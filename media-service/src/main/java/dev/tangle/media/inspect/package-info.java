/**
 * What an upload is, decided before it is accepted: its type from its first bytes ({@link dev.tangle.media.inspect.Sniffer}),
 * images through libvips's header (pixel limit, truncation, optional GPS), videos through ffprobe (streams, size,
 * duration). A {@link dev.tangle.media.inspect.MediaRejected} is permanent: never retried, refused at upload or the
 * job's {@code failed} status.
 */
package dev.tangle.media.inspect;
