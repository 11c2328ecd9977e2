package dev.tangle.media.process;

import java.nio.file.Path;

import dev.tangle.media.inspect.MediaRejected;
import dev.tangle.media.support.TestImages;
import dev.tangle.media.vips.Vips;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ImageProcessorTest {

    private final ImageProcessor images = new ImageProcessor(Vips.load());

    @TempDir
    Path dir;

    @Test
    void rendersThumbAndDisplayWithABlurhash() {
        Path original = TestImages.write(dir, "original", TestImages.jpeg(800, 600, 11));
        ImageProcessor.Result result = images.process(original, dir);
        assertThat(result.variants()).containsOnlyKeys("thumb", "display");
        assertThat(result.variants().get("thumb").width()).isEqualTo(512);
        assertThat(result.variants().get("thumb").height()).isEqualTo(384);
        assertThat(result.variants().get("display").width()).isEqualTo(800);
        assertThat(result.blurhash()).hasSize(2 + 4 + 2 * (4 * 3 - 1) + 0);
    }

    @Test
    void aTruncatedFileFailsAsTruncated() {
        byte[] jpeg = TestImages.jpeg(800, 600, 12);
        Path original = TestImages.write(dir, "original", java.util.Arrays.copyOf(jpeg, jpeg.length * 2 / 3));
        assertThatThrownBy(() -> images.process(original, dir)).isInstanceOf(MediaRejected.class)
                .extracting(e -> ((MediaRejected) e).reason()).isEqualTo("truncated");
    }
}
