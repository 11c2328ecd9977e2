package dev.tangle.media.process;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.tangle.common.error.ErrorCode;
import dev.tangle.media.inspect.MediaRejected;
import dev.tangle.media.vips.Vips;
import dev.tangle.media.vips.VipsException;
import dev.tangle.media.vips.VipsImage;
import io.trbl.blurhash.BlurHash;

/**
 * Image variants through libvips: {@code thumb} (≤ 512 px) and {@code display} (≤ 2048 px), each loaded with
 * shrink-on-load, rotated upright from EXIF, and saved as JPEG with {@code strip} (no EXIF, XMP, IPTC, ICC or
 * GPS in any byte served); a blurhash from the thumb. A truncated or damaged file fails (never retried).
 */
public final class ImageProcessor {

    public static final int THUMB = 512;
    public static final int DISPLAY = 2048;
    private static final int QUALITY = 82;

    private final Vips vips;

    public ImageProcessor(Vips vips) {
        this.vips = vips;
    }

    /** A rendition written to a local file. */
    public record Rendition(Path file, String contentType, int width, int height) {
    }

    /** The result of one image. */
    public record Result(Map<String, Rendition> variants, String blurhash, int width, int height) {
    }

    public Result process(Path original, Path workDir) {
        try {
            Map<String, Rendition> variants = new LinkedHashMap<>();
            String blurhash;
            Rendition display = render(original, workDir.resolve("display.jpg"), DISPLAY);
            try (VipsImage thumb = vips.thumbnail(original, THUMB, THUMB, Vips.FAIL_ON_TRUNCATED)) {
                Path file = workDir.resolve("thumb.jpg");
                vips.saveJpeg(thumb, file, QUALITY);
                variants.put("thumb", new Rendition(file, "image/jpeg", thumb.width(), thumb.height()));
            }
            blurhash = blurhash(variants.get("thumb").file());
            variants.put("display", display);
            return new Result(variants, blurhash, display.width(), display.height());
        } catch (VipsException e) {
            String message = e.getMessage().toLowerCase();
            String reason = message.contains("truncat") || message.contains("premature") ? "truncated" : "undecodable";
            throw new MediaRejected(ErrorCode.UNPROCESSABLE, reason, "The image could not be decoded (" + reason + "): " + e.getMessage());
        }
    }

    private Rendition render(Path original, Path target, int box) {
        try (VipsImage image = vips.thumbnail(original, box, box, Vips.FAIL_ON_TRUNCATED)) {
            vips.saveJpeg(image, target, QUALITY);
            return new Rendition(target, "image/jpeg", image.width(), image.height());
        }
    }

    /**
     * A 4×3 blurhash from a 32 px copy of a saved rendition (read back from its file: the rendition's own pipeline
     * was consumed, sequentially, by the save).
     */
    String blurhash(Path rendition) {
        try (VipsImage small = vips.thumbnail(rendition, 32, 32, Vips.FAIL_ON_NONE)) {
            if (small.format() != VipsImage.FORMAT_UCHAR) {
                return null;
            }
            int w = small.width();
            int h = small.height();
            int bands = small.bands();
            byte[] px = small.pixels();
            int[] rgb = new int[w * h];
            for (int i = 0; i < rgb.length; i++) {
                int o = i * bands;
                int r = px[o] & 0xFF;
                int g = bands >= 3 ? px[o + 1] & 0xFF : r;
                int b = bands >= 3 ? px[o + 2] & 0xFF : r;
                rgb[i] = r << 16 | g << 8 | b;
            }
            return BlurHash.encode(rgb, w, h, 4, 3);
        }
    }
}
