package dev.tangle.media.support;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import javax.imageio.ImageIO;

/** Images for tests, made in memory: photo-like JPEGs, PNGs, one with EXIF GPS and orientation. */
public final class TestImages {

    private TestImages() {
    }

    /** A JPEG of smooth gradients plus noise (compresses like a photo). */
    public static byte[] jpeg(int width, int height, long seed) {
        return encode(photo(width, height, seed), "jpg");
    }

    public static byte[] png(int width, int height) {
        return encode(photo(width, height, 1), "png");
    }

    public static BufferedImage photo(int width, int height, long seed) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(seed);
        int[] row = new int[width];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int n = random.nextInt(48);
                int r = clamp(x * 255 / width + n - 24);
                int g = clamp(y * 255 / height + n - 24);
                int b = clamp(((x + y) * 127 / (width + height)) + 64 + n - 24);
                row[x] = r << 16 | g << 8 | b;
            }
            image.setRGB(0, y, width, 1, row, 0, width);
        }
        return image;
    }

    /**
     * A JPEG whose APP1 EXIF says orientation 6 (rotate 90° clockwise) and carries GPS 52.52 N, 13.405 E plus a
     * camera make, as phones write them.
     */
    public static byte[] jpegWithExif(int width, int height) {
        byte[] plain = jpeg(width, height, 7);
        byte[] exif = Exif.app1(6, 52.52, 13.405, "TangleCam");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(plain, 0, 2); // SOI
        out.write(exif, 0, exif.length);
        out.write(plain, 2, plain.length - 2);
        return out.toByteArray();
    }

    public static Path write(Path dir, String name, byte[] bytes) {
        try {
            return Files.write(dir.resolve(name), bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] encode(BufferedImage image, String format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, format, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static int clamp(int v) {
        return Math.max(0, Math.min(255, v));
    }
}
