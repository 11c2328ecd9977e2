package dev.tangle.media.upload;

import java.util.Map;

import dev.tangle.media.support.MediaStack;
import dev.tangle.media.support.MediaStack.User;
import dev.tangle.media.support.TestImages;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Per-user upload rate and storage quota, as configured. */
class UploadLimitsIT {

    private static MediaStack stack;

    @BeforeAll
    static void start() {
        stack = MediaStack.start(Map.of("TANGLE_MEDIA_UPLOAD_RATE", "3/1h", "TANGLE_MEDIA_QUOTA_BYTES", "200KiB"));
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    @Test
    void theFourthUploadWithinTheHourIs429WithRetryAfter() {
        User user = stack.register("rate");
        for (int i = 0; i < 3; i++) {
            assertThat(stack.upload(user, TestImages.jpeg(64, 64, i), "r" + i + ".jpg", "").status()).isEqualTo(201);
        }
        var limited = stack.upload(user, TestImages.jpeg(64, 64, 9), "r9.jpg", "");
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.json().path("code").asText()).isEqualTo("rate_limited");
        assertThat(Long.parseLong(limited.header("Retry-After").orElseThrow())).isPositive();
        assertThat(stack.upload(stack.register("other"), TestImages.jpeg(64, 64, 1), "o.jpg", "").status())
                .isEqualTo(201); // per user
    }

    @Test
    void uploadsOverTheQuotaAre413AndDeletingFreesIt() {
        User user = stack.register("quota");
        byte[] big = TestImages.jpeg(800, 600, 3); // noisy: about 117 KiB at ImageIO's default quality
        assertThat(big.length).isGreaterThan(110 * 1024);
        var first = stack.upload(user, big, "a.jpg", "");
        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        var second = stack.upload(user, big, "b.jpg", "");
        assertThat(second.status()).isEqualTo(413);
        assertThat(second.json().path("detail").asText()).contains("quota");
        assertThat(stack.http.delete("/v1/media/" + first.json().path("id").asText(), user.token()).status()).isEqualTo(204);
        assertThat(stack.upload(user, big, "c.jpg", "").status()).isEqualTo(201);
    }
}
