package dev.tangle.media.vips;

import java.nio.file.Files;
import java.nio.file.Path;

import dev.tangle.media.support.TestImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** One test per bound libvips function, against the OS's libvips. */
class VipsTest {

    private final Vips vips = Vips.load();

    @TempDir
    Path dir;

    @Test
    void loadsAVersionNewEnough() {
        assertThat(vips.version()).matches("8\\.(1[2-9]|[2-9][0-9])\\.\\d+");
    }

    @Test
    void aMissingLibraryIsAClearErrorNotACrash() {
        assertThatThrownBy(() -> Vips.load("libvips-not-installed.so.42")).isInstanceOf(VipsUnavailable.class)
                .hasMessageContaining("apt-get install libvips42");
    }

    @Test
    void aLibraryWithoutTheVipsSymbolsIsAClearError() {
        // libc is there but is not libvips: the first symbol look-up fails with a message, before any call
        assertThatThrownBy(() -> Vips.load("libc.so.6")).isInstanceOf(VipsUnavailable.class)
                .hasMessageContaining("vips_version");
    }

    @Test
    void openReadsTheHeaderDimensionsAndBands() {
        Path file = TestImages.write(dir, "a.jpg", TestImages.jpeg(640, 480, 1));
        try (VipsImage image = vips.open(file)) {
            assertThat(image.width()).isEqualTo(640);
            assertThat(image.height()).isEqualTo(480);
            assertThat(image.bands()).isEqualTo(3);
            assertThat(image.format()).isEqualTo(VipsImage.FORMAT_UCHAR);
            assertThat(image.orientation()).isEmpty();
        }
    }

    @Test
    void openOfANonImageFailsWithTheLoaderMessage() throws Exception {
        Path file = Files.writeString(dir.resolve("x.jpg"), "<html><script>alert(1)</script></html>");
        assertThatThrownBy(() -> vips.open(file)).isInstanceOf(VipsException.class).hasMessageContaining("open");
    }

    @Test
    void orientationComesFromExif() {
        Path file = TestImages.write(dir, "o.jpg", TestImages.jpegWithExif(300, 200));
        try (VipsImage image = vips.open(file)) {
            assertThat(image.orientation()).hasValue(6);
        }
    }

    @Test
    void thumbnailShrinksAndAppliesTheOrientation() {
        Path file = TestImages.write(dir, "o.jpg", TestImages.jpegWithExif(1000, 500));
        try (VipsImage thumb = vips.thumbnail(file, 256, 256, Vips.FAIL_ON_TRUNCATED)) {
            assertThat(thumb.width()).isEqualTo(128); // rotated: 500 x 1000 fitted into 256
            assertThat(thumb.height()).isEqualTo(256);
        }
    }

    @Test
    void thumbnailNeverEnlarges() {
        Path file = TestImages.write(dir, "s.png", TestImages.png(100, 50));
        try (VipsImage thumb = vips.thumbnail(file, 512, 512, Vips.FAIL_ON_NONE)) {
            assertThat(thumb.width()).isEqualTo(100);
        }
    }

    @Test
    void thumbnailBufferWorksFromBytes() {
        try (VipsImage thumb = vips.thumbnailBuffer(TestImages.jpeg(800, 600, 2), 200, 200)) {
            assertThat(thumb.width()).isEqualTo(200);
            assertThat(thumb.height()).isEqualTo(150);
        }
    }

    @Test
    void thumbnailImageShrinksAnOpenImage() {
        Path file = TestImages.write(dir, "b.jpg", TestImages.jpeg(400, 400, 3));
        try (VipsImage image = vips.open(file); VipsImage small = vips.thumbnailImage(image, 32, 32)) {
            assertThat(small.width()).isEqualTo(32);
        }
    }

    @Test
    void pixelsAreBandInterleaved() {
        Path file = TestImages.write(dir, "p.png", TestImages.png(20, 10));
        try (VipsImage image = vips.open(file)) {
            assertThat(image.pixels()).hasSize(20 * 10 * 3);
        }
    }

    @Test
    void concurrencyCanBeSetAndWorkStillDone() {
        vips.concurrency(1);
        try (VipsImage thumb = vips.thumbnailBuffer(TestImages.jpeg(600, 400, 7), 100, 100)) {
            assertThat(thumb.width()).isEqualTo(100);
        } finally {
            vips.concurrency(0);
        }
    }

    @Test
    void memoryHighwaterGrowsWithWork() {
        Path file = TestImages.write(dir, "m.jpg", TestImages.jpeg(1200, 900, 6));
        try (VipsImage thumb = vips.thumbnail(file, 300, 300, Vips.FAIL_ON_NONE)) {
            vips.saveJpeg(thumb, dir.resolve("m-out.jpg"), 80);
        }
        assertThat(vips.memoryHighwater()).isPositive();
    }

    @Test
    void jpegsaveStripsMetadata() throws Exception {
        Path file = TestImages.write(dir, "e.jpg", TestImages.jpegWithExif(300, 200));
        Path out = dir.resolve("out.jpg");
        try (VipsImage thumb = vips.thumbnail(file, 128, 128, Vips.FAIL_ON_NONE)) {
            vips.saveJpeg(thumb, out, 80);
        }
        byte[] bytes = Files.readAllBytes(out);
        assertThat(bytes[0] & 0xFF).isEqualTo(0xFF);
        assertThat(bytes[1] & 0xFF).isEqualTo(0xD8);
        assertThat(new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain("Exif").doesNotContain("TangleCam");
    }

    @Test
    void webpsaveWritesWebp() throws Exception {
        Path file = TestImages.write(dir, "w.jpg", TestImages.jpeg(300, 200, 4));
        Path out = dir.resolve("out.webp");
        try (VipsImage thumb = vips.thumbnail(file, 128, 128, Vips.FAIL_ON_NONE)) {
            vips.saveWebp(thumb, out, 75);
        }
        byte[] bytes = Files.readAllBytes(out);
        assertThat(new String(bytes, 8, 4, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("WEBP");
    }

    @Test
    void aTruncatedJpegFailsWhenDecodedWithFailOnTruncated() {
        byte[] full = TestImages.jpeg(800, 600, 5);
        byte[] cut = java.util.Arrays.copyOf(full, full.length / 2);
        Path file = TestImages.write(dir, "t.jpg", cut);
        assertThatThrownBy(() -> {
            try (VipsImage thumb = vips.thumbnail(file, 128, 128, Vips.FAIL_ON_TRUNCATED)) {
                vips.saveJpeg(thumb, dir.resolve("t-out.jpg"), 80);
            }
        }).isInstanceOf(VipsException.class);
    }
}
