package dev.tangle.media.inspect;

import java.nio.charset.StandardCharsets;

import dev.tangle.media.support.TestImages;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SnifferTest {

    private static java.util.Optional<Sniffer.Detected> detect(byte[] b) {
        return Sniffer.detect(b, Math.min(b.length, Sniffer.HEAD_BYTES));
    }

    @Test
    void recognisesImagesByTheirBytes() {
        assertThat(detect(TestImages.jpeg(16, 16, 1))).get().extracting(Sniffer.Detected::contentType).isEqualTo("image/jpeg");
        assertThat(detect(TestImages.png(16, 16))).get().extracting(Sniffer.Detected::contentType).isEqualTo("image/png");
        assertThat(detect("GIF89a\1\0\1\0".getBytes(StandardCharsets.ISO_8859_1))).get()
                .extracting(Sniffer.Detected::contentType).isEqualTo("image/gif");
        assertThat(detect("RIFF\0\0\0\0WEBPVP8 ".getBytes(StandardCharsets.ISO_8859_1))).get()
                .extracting(Sniffer.Detected::contentType).isEqualTo("image/webp");
        assertThat(detect("\0\0\0\u0018ftypheic\0\0\0\0".getBytes(StandardCharsets.ISO_8859_1))).get()
                .extracting(Sniffer.Detected::contentType).isEqualTo("image/heic");
    }

    @Test
    void recognisesVideos() {
        assertThat(detect("\0\0\0\u0020ftypisom\0\0\2\0".getBytes(StandardCharsets.ISO_8859_1))).get()
                .extracting(Sniffer.Detected::kind).isEqualTo("video");
        assertThat(detect("\0\0\0\u0014ftypqt  \0\0\0\0".getBytes(StandardCharsets.ISO_8859_1))).get()
                .extracting(Sniffer.Detected::contentType).isEqualTo("video/quicktime");
        assertThat(detect("\u001aE\u00df\u00a3\u0001\0\0\0\0\0\0\u001fB\u0086\u0081\u0001B\u0082\u0084webm"
                .getBytes(StandardCharsets.ISO_8859_1))).get().extracting(Sniffer.Detected::contentType).isEqualTo("video/webm");
    }

    @Test
    void refusesEverythingElseWhateverItsName() {
        assertThat(detect("<!DOCTYPE html><html>".getBytes(StandardCharsets.UTF_8))).isEmpty();
        assertThat(detect("<svg xmlns=\"http://www.w3.org/2000/svg\">".getBytes(StandardCharsets.UTF_8))).isEmpty();
        assertThat(detect("PK\3\4zip".getBytes(StandardCharsets.ISO_8859_1))).isEmpty();
        assertThat(detect(new byte[] {(byte) 0xFF, (byte) 0xD8})).isEmpty(); // too short to be a JPEG
        assertThat(detect("\0\0\0\u0018ftypavif\0\0\0\0".getBytes(StandardCharsets.ISO_8859_1))).isEmpty();
    }
}
