package dev.tangle.media.vips;

/** A libvips call failed; the message is libvips's error buffer (what the loader or saver said). */
public final class VipsException extends RuntimeException {

    public VipsException(String message) {
        super(message);
    }
}
