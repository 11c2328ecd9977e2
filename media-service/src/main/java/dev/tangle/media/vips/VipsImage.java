package dev.tangle.media.vips;

import java.lang.foreign.MemorySegment;
import java.util.OptionalInt;

/** A libvips image reference; {@link #close()} drops it. Not shared between threads. */
public final class VipsImage implements AutoCloseable {

    /** {@code VipsBandFormat} of 8-bit unsigned pixels. */
    public static final int FORMAT_UCHAR = 0;

    private final Vips vips;
    private MemorySegment pointer;

    VipsImage(Vips vips, MemorySegment pointer) {
        this.vips = vips;
        this.pointer = pointer;
    }

    MemorySegment pointer() {
        if (pointer == null) {
            throw new IllegalStateException("image is closed");
        }
        return pointer;
    }

    public int width() {
        return vips.width(pointer());
    }

    public int height() {
        return vips.height(pointer());
    }

    public int bands() {
        return vips.bands(pointer());
    }

    /** The {@code VipsBandFormat}, {@link #FORMAT_UCHAR} for 8-bit images. */
    public int format() {
        return vips.format(pointer());
    }

    /** The EXIF orientation 1..8 the loader found, if any. */
    public OptionalInt orientation() {
        return vips.intField(pointer(), "orientation");
    }

    /** Number of pages (frames) of a multi-page file, if the loader tells. */
    public OptionalInt pages() {
        return vips.intField(pointer(), "n-pages");
    }

    /** Decodes every pixel into a band-interleaved byte array (call on small images only). */
    public byte[] pixels() {
        return vips.pixels(pointer());
    }

    @Override
    public void close() {
        if (pointer != null) {
            vips.unref(pointer);
            pointer = null;
        }
    }
}
