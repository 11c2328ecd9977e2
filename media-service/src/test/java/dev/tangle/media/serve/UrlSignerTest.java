package dev.tangle.media.serve;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class UrlSignerTest {

    private static final UUID ID = UUID.fromString("0193a0c4-0000-7000-8000-000000000001");

    @Test
    void aSignedUrlIsValidUntilItExpiresAndOnlyForItsItemAndVariant() {
        Instant t0 = Instant.parse("2026-12-01T10:00:00Z");
        UrlSigner signer = new UrlSigner("k".repeat(32).getBytes(), Duration.ofMinutes(10), Clock.fixed(t0, ZoneOffset.UTC));
        String url = signer.url(ID, "thumb");
        String exp = url.replaceAll(".*exp=(\\d+).*", "$1");
        String sig = url.replaceAll(".*sig=([^&]+).*", "$1");
        assertThat(signer.valid(ID, "thumb", exp, sig)).isTrue();
        assertThat(signer.valid(ID, "display", exp, sig)).isFalse();
        assertThat(signer.valid(UUID.randomUUID(), "thumb", exp, sig)).isFalse();
        assertThat(signer.valid(ID, "thumb", Long.toString(Long.parseLong(exp) + 60), sig)).isFalse();
        UrlSigner later = new UrlSigner("k".repeat(32).getBytes(), Duration.ofMinutes(10),
                Clock.fixed(t0.plus(Duration.ofMinutes(11)), ZoneOffset.UTC));
        assertThat(later.valid(ID, "thumb", exp, sig)).isFalse();
        UrlSigner otherKey = new UrlSigner("x".repeat(32).getBytes(), Duration.ofMinutes(10), Clock.fixed(t0, ZoneOffset.UTC));
        assertThat(otherKey.valid(ID, "thumb", exp, sig)).isFalse();
    }
}
