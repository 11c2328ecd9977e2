package dev.tangle.api.identity;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import dev.tangle.api.audit.AuditLog;
import dev.tangle.common.db.Database;
import dev.tangle.common.error.Problems;
import dev.tangle.common.event.Event;
import dev.tangle.common.outbox.Outbox;
import dev.tangle.common.outbox.OutboxRelay;
import io.helidon.dbclient.DbExecute;

/**
 * Refresh-token rotation and logout. A refresh token is single use: refreshing spends it and issues the next
 * one of its family; presenting a spent token again means it was stolen (or replayed), so the whole family is
 * revoked and both holders have to log in again.
 */
public final class SessionService {

    private static final String INVALID = "The refresh token is invalid, expired or revoked";

    private final Database db;
    private final OutboxRelay relay;
    private final TokenIssuer tokens;
    private final RefreshTokens refreshTokens;
    private final BannedUsers bans;

    public SessionService(Database db, OutboxRelay relay, TokenIssuer tokens, RefreshTokens refreshTokens,
                          BannedUsers bans) {
        this.db = db;
        this.relay = relay;
        this.tokens = tokens;
        this.refreshTokens = refreshTokens;
        this.bans = bans;
    }

    private sealed interface Outcome {
        record Rotated(TokenPair pair) implements Outcome {
        }

        record Rejected() implements Outcome {
        }
    }

    public TokenPair refresh(String refreshToken) {
        // The transaction commits in every case, so that the revocation of a reused family is kept.
        Outcome outcome = db.inTransaction(tx -> {
            var stored = refreshTokens.findForUpdate(tx, refreshToken).orElse(null);
            if (stored == null || stored.revoked() || stored.expiresAt().isBefore(Instant.now())
                || bans.isBanned(stored.userId())) {
                return new Outcome.Rejected();
            }
            if (stored.spent()) {
                refreshTokens.revokeFamily(tx, stored.familyId());
                AuditLog.append(tx, stored.userId(), "auth.refresh_reuse", "user", stored.userId(),
                        Map.of("familyId", stored.familyId()));
                return new Outcome.Rejected();
            }
            refreshTokens.spend(tx, stored.id());
            String next = refreshTokens.issue(tx, stored.userId(), stored.familyId());
            return new Outcome.Rotated(new TokenPair(tokens.issue(stored.userId()), next, tokens.ttlSeconds()));
        });
        if (outcome instanceof Outcome.Rotated(TokenPair pair)) {
            return pair;
        }
        throw Problems.unauthorized(INVALID);
    }

    /** Ends the session (family) of one of the caller's refresh tokens; another user's token changes nothing. */
    public void logout(UUID userId, String refreshToken) {
        db.inTransaction(tx -> {
            refreshTokens.findForUpdate(tx, refreshToken)
                    .filter(stored -> stored.userId().equals(userId))
                    .ifPresent(stored -> refreshTokens.revokeFamily(tx, stored.familyId()));
            return null;
        });
    }

    /**
     * In the caller's transaction: revokes every refresh token of the user and tells the socket-servers to close
     * the user's sockets (also used by operators' bans and session kills).
     */
    public void revokeAll(DbExecute tx, UUID userId) {
        refreshTokens.revokeAll(tx, userId);
        Outbox.add(tx, Event.of("api-server", "user", userId, "tokens.revoked", Map.of("userId", userId)));
    }

    /** Revokes every refresh token of the user and tells the socket-servers to close the user's sockets. */
    public void logoutAll(UUID userId) {
        db.inTransaction(tx -> {
            revokeAll(tx, userId);
            AuditLog.append(tx, userId, "auth.logout_all", "user", userId, Map.of());
            return null;
        });
        relay.kick();
    }
}
