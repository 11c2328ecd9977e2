package dev.tangle.media.vips;

/** libvips is missing, too old or cannot be initialised; media-service refuses to start with this message. */
public final class VipsUnavailable extends RuntimeException {

    public VipsUnavailable(String message) {
        super(message);
    }
}
