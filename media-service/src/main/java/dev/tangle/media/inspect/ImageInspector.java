package dev.tangle.media.inspect;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;

import com.drew.imaging.ImageMetadataReader;
import com.drew.lang.GeoLocation;
import com.drew.metadata.Metadata;
import com.drew.metadata.exif.GpsDirectory;
import dev.tangle.common.error.ErrorCode;
import dev.tangle.media.item.MediaItem.GeoPoint;
import dev.tangle.media.inspect.Sniffer.Detected;
import dev.tangle.media.vips.Vips;
import dev.tangle.media.vips.VipsException;
import dev.tangle.media.vips.VipsImage;

/**
 * Checks an image before it is accepted: libvips must recognise it (the sniffed type alone is not enough: a
 * polyglot or a damaged file fails here), its header dimensions must be within the pixel limit (a decompression
 * bomb is refused before any pixel is decoded), and a JPEG must end with its end-of-image marker (truncated
 * uploads are refused). GPS is read from EXIF only when the owner asked to keep it.
 */
public final class ImageInspector {

    private static final int TAIL_BYTES = 4096;

    private final Vips vips;
    private final long maxPixels;

    public ImageInspector(Vips vips, long maxPixels) {
        this.vips = vips;
        this.maxPixels = maxPixels;
    }

    public Inspection inspect(Path file, Detected type, boolean useLocation) {
        int width;
        int height;
        int orientation;
        int pages;
        try (VipsImage image = vips.open(file)) {
            width = image.width();
            height = image.height();
            orientation = image.orientation().orElse(1);
            pages = Math.max(1, image.pages().orElse(1));
        } catch (VipsException e) {
            throw new MediaRejected(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "undecodable",
                    "The file starts like " + type.contentType() + " but is not a decodable image");
        }
        long pixels = (long) width * height * pages;
        if (pixels > maxPixels) {
            throw new MediaRejected(ErrorCode.PAYLOAD_TOO_LARGE, "too_many_pixels", "The image is " + width + "×"
                    + height + (pages > 1 ? "×" + pages + " frames" : "") + ", over " + maxPixels + " pixels");
        }
        if (type.contentType().equals("image/jpeg") && !endsWithEoi(file)) {
            throw new MediaRejected(ErrorCode.UNPROCESSABLE, "truncated", "The JPEG is truncated (no end-of-image marker)");
        }
        boolean quarterTurn = orientation >= 5 && orientation <= 8;
        return new Inspection(quarterTurn ? height : width, quarterTurn ? width : height, null,
                useLocation ? gps(file) : null);
    }

    /** Whether the last bytes hold FF D9 (encoders may append a few bytes of padding after it). */
    static boolean endsWithEoi(Path file) {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            long length = raf.length();
            int n = (int) Math.min(TAIL_BYTES, length);
            byte[] tail = new byte[n];
            raf.seek(length - n);
            raf.readFully(tail);
            for (int i = n - 2; i >= 0; i--) {
                if ((tail[i] & 0xFF) == 0xFF && (tail[i + 1] & 0xFF) == 0xD9) {
                    return true;
                }
            }
            return false;
        } catch (IOException e) {
            return false;
        }
    }

    /** GPS from EXIF, if present and sane. */
    static GeoPoint gps(Path file) {
        try {
            Metadata metadata = ImageMetadataReader.readMetadata(file.toFile());
            for (GpsDirectory gps : metadata.getDirectoriesOfType(GpsDirectory.class)) {
                GeoLocation location = gps.getGeoLocation();
                if (location != null && !location.isZero() && Math.abs(location.getLatitude()) <= 90
                    && Math.abs(location.getLongitude()) <= 180) {
                    return new GeoPoint(location.getLatitude(), location.getLongitude());
                }
            }
            return null;
        } catch (Exception e) {
            return null; // unreadable metadata: no location, the image itself was already checked
        }
    }
}
