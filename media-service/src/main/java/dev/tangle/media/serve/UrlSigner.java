package dev.tangle.media.serve;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Short-lived signed content URLs ({@code /v1/media/<id>/content?variant=…&exp=…&sig=…}) that an {@code <img>} or
 * {@code <video>} tag can use without a bearer token: HMAC-SHA256 over id, variant and expiry with a key all
 * instances share. A URL is handed only to a viewer who was authorized when it was made; it expires after the TTL.
 */
public final class UrlSigner {

    private final byte[] key;
    private final Duration ttl;
    private final Clock clock;

    public UrlSigner(byte[] key, Duration ttl, Clock clock) {
        this.key = key.clone();
        this.ttl = ttl;
        this.clock = clock;
    }

    /** The key from the environment, else from the file (created with 32 random bytes if missing). */
    public static byte[] loadKey(Optional<String> fromEnv, Path file) {
        if (fromEnv.isPresent()) {
            return fromEnv.get().getBytes(StandardCharsets.UTF_8);
        }
        try {
            if (!Files.exists(file)) {
                byte[] fresh = new byte[32];
                new SecureRandom().nextBytes(fresh);
                if (file.getParent() != null) {
                    Files.createDirectories(file.getParent());
                }
                Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), ".media-url", ".key",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                Files.writeString(tmp, Base64.getEncoder().encodeToString(fresh));
                try {
                    Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
                } catch (IOException raced) {
                    Files.deleteIfExists(tmp); // another instance wrote it first
                }
            }
            return Base64.getDecoder().decode(Files.readString(file).strip());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the URL signing key " + file, e);
        }
    }

    public String url(UUID mediaId, String variant) {
        long exp = clock.instant().plus(ttl).getEpochSecond();
        return "/v1/media/" + mediaId + "/content?variant=" + variant + "&exp=" + exp + "&sig=" + sign(mediaId, variant, exp);
    }

    /** Whether the signature is ours and not expired. */
    public boolean valid(UUID mediaId, String variant, String exp, String sig) {
        if (exp == null || sig == null) {
            return false;
        }
        long expiry;
        try {
            expiry = Long.parseLong(exp);
        } catch (NumberFormatException e) {
            return false;
        }
        if (clock.instant().getEpochSecond() > expiry) {
            return false;
        }
        return MessageDigest.isEqual(sign(mediaId, variant, expiry).getBytes(StandardCharsets.US_ASCII),
                sig.getBytes(StandardCharsets.US_ASCII));
    }

    private String sign(UUID mediaId, String variant, long exp) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] digest = mac.doFinal((mediaId + "\n" + variant + "\n" + exp).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
