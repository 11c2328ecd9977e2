package dev.tangle.media.bench;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/**
 * Photo-like JPEGs for the bench: smooth gradients and blobs (what shrink-on-load and the DCT see in photos) plus
 * per-pixel sensor-like noise, so a 12-megapixel file at quality 92 weighs about 6 MB like a phone photo.
 */
final class PhotoGenerator {

    private PhotoGenerator() {
    }

    static Path generate(Path dir, int index, int width, int height) throws IOException {
        Path file = dir.resolve(String.format("photo-%03d.jpg", index));
        if (Files.exists(file) && Files.size(file) > 0) {
            return file;
        }
        Random random = new Random(index * 7919L);
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        double cx = random.nextDouble() * width;
        double cy = random.nextDouble() * height;
        int[] row = new int[width];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                double d = Math.hypot(x - cx, y - cy) / width;
                int base = (int) (128 + 90 * Math.sin(d * 12 + index) * Math.cos(y * 0.004));
                int n = (int) (random.nextGaussian() * 22);
                int r = clamp(base + n + (x * 60 / width));
                int g = clamp(base + (int) (random.nextGaussian() * 22) - 20);
                int b = clamp(255 - base + (int) (random.nextGaussian() * 22));
                row[x] = r << 16 | g << 8 | b;
            }
            image.setRGB(0, y, width, 1, row, 0, width);
        }
        Path tmp = dir.resolve(file.getFileName() + ".tmp");
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(tmp.toFile())) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(0.92f);
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
        Files.move(tmp, file);
        return file;
    }

    private static int clamp(int v) {
        return Math.max(0, Math.min(255, v));
    }
}
