package dev.tangle.api.identity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

import dev.tangle.common.db.Repository;
import dev.tangle.common.db.Rows;
import dev.tangle.common.id.Ids;
import io.helidon.dbclient.DbExecute;

/**
 * Opaque refresh tokens: 256 random bits handed to the client once; only their SHA-256 is stored. Each belongs
 * to a family (one login); rotation spends a token and issues the next of the same family.
 */
@Repository
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

    /** A stored token, found by its plain value. */
    public record Stored(UUID id, UUID userId, UUID familyId, Instant expiresAt, boolean spent, boolean revoked) {
    }

    /** Finds a token and locks its row, so two concurrent refreshes of one token are serialized. */
    public Optional<Stored> findForUpdate(DbExecute tx, String token) {
        return tx.createGet("SELECT id, user_id, family_id, expires_at, spent_at, revoked_at FROM refresh_tokens "
                            + "WHERE token_hash = ? FOR UPDATE")
                .addParam(hash(token)).execute()
                .map(row -> new Stored(Rows.uuid(row, "id"), Rows.uuid(row, "user_id"), Rows.uuid(row, "family_id"),
                        Rows.instant(row, "expires_at"), Rows.raw(row, "spent_at") != null,
                        Rows.raw(row, "revoked_at") != null));
    }

    public void spend(DbExecute tx, UUID id) {
        tx.createUpdate("UPDATE refresh_tokens SET spent_at = now() WHERE id = ?").addParam(id).execute();
    }

    /** Revokes every token of a family (one login and its rotations). */
    public long revokeFamily(DbExecute tx, UUID familyId) {
        return tx.createUpdate("UPDATE refresh_tokens SET revoked_at = now() WHERE family_id = ? AND revoked_at IS NULL")
                .addParam(familyId).execute();
    }

    /** Revokes every token of a user. */
    public long revokeAll(DbExecute tx, UUID userId) {
        return tx.createUpdate("UPDATE refresh_tokens SET revoked_at = now() WHERE user_id = ? AND revoked_at IS NULL")
                .addParam(userId).execute();
    }

    public static byte[] hash(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
