package dev.tangle.api.identity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

import dev.tangle.common.db.Rows;
import dev.tangle.common.id.Ids;
import io.helidon.dbclient.DbExecute;

/**
 * Opaque refresh tokens: 256 random bits handed to the client once; only their SHA-256 is stored. Each belongs
 * to a family (one login); rotation spends a token and issues the next of the same family.
 */
public final class RefreshTokens {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Duration ttl;

    public RefreshTokens(Duration ttl) {
        this.ttl = ttl;
    }

    /** Issues a token of a family (a new family for a fresh login) and returns its plain value. */
    public String issue(DbExecute tx, UUID userId, UUID familyId) {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        tx.createInsert("INSERT INTO refresh_tokens (id, user_id, family_id, token_hash, expires_at) VALUES (?, ?, ?, ?, ?)")
                .addParam(Ids.newId()).addParam(userId).addParam(familyId).addParam(hash(token))
                .addParam(Rows.ts(Instant.now().plus(ttl)))
                .execute();
        return token;
    }

    public static byte[] hash(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
