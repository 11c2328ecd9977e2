package dev.tangle.api.identity;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import dev.tangle.api.audit.AuditLog;
import dev.tangle.api.users.User;
import dev.tangle.api.users.UserRepository;
import dev.tangle.common.db.Database;
import dev.tangle.common.error.Problems;
import dev.tangle.common.event.Event;
import dev.tangle.common.id.Ids;
import dev.tangle.common.outbox.Outbox;
import dev.tangle.common.outbox.OutboxRelay;

/** Registration and login. */
public final class AccountService {

    private final Database db;
    private final OutboxRelay relay;
    private final UserRepository users;
    private final PasswordHasher passwords;
    private final TokenIssuer tokens;
    private final RefreshTokens refreshTokens;
    private final BannedUsers bans;

    public AccountService(Database db, OutboxRelay relay, UserRepository users, PasswordHasher passwords,
                          TokenIssuer tokens, RefreshTokens refreshTokens, BannedUsers bans) {
        this.bans = bans;
        this.db = db;
        this.relay = relay;
        this.users = users;
        this.passwords = passwords;
        this.tokens = tokens;
        this.refreshTokens = refreshTokens;
    }

    public AuthResult register(String handle, String password, String displayName) {
        String hash = passwords.hash(password);
        User user = new User(Ids.newId(), handle, displayName == null ? handle : displayName, "", null,
                Instant.now().truncatedTo(ChronoUnit.MICROS));
        AuthResult result = db.inTransaction(tx -> {
            if (users.handleTaken(tx, handle)) {
                throw Problems.conflict("The handle '" + handle + "' is taken");
            }
            try {
                users.insert(tx, user, hash);
            } catch (RuntimeException e) {
                if (isUniqueViolation(e)) {
                    throw Problems.conflict("The handle '" + handle + "' is taken");
                }
                throw e;
            }
            Outbox.add(tx, Event.of("api-server", "user", user.id(), "created",
                    Map.of("userId", user.id(), "handle", user.handle(), "displayName", user.displayName())));
            return new AuthResult(user, tokens.issue(user.id()), refreshTokens.issue(tx, user.id(), Ids.newId()),
                    tokens.ttlSeconds());
        });
        relay.kick();
        return result;
    }

    /** Unknown handle and wrong password fail alike, in about the same time. */
    public AuthResult login(String handle, String password) {
        var credentials = users.credentials(db.client().execute(), handle);
        if (credentials.isEmpty()) {
            passwords.burn(password);
            AuditLog.append(db.client().execute(), null, "auth.login_failed", "handle", handle, Map.of());
            throw Problems.unauthorized("Unknown handle or wrong password");
        }
        User user = credentials.get().user();
        if (!passwords.matches(password, credentials.get().passwordHash())) {
            AuditLog.append(db.client().execute(), null, "auth.login_failed", "user", user.id(), Map.of());
            throw Problems.unauthorized("Unknown handle or wrong password");
        }
        if (bans.isBanned(user.id())) {
            AuditLog.append(db.client().execute(), user.id(), "auth.login_refused_banned", "user", user.id(), Map.of());
            throw Problems.forbidden("This account is suspended");
        }
        return db.inTransaction(tx -> {
            AuditLog.append(tx, user.id(), "auth.login", "user", user.id(), Map.of());
            return new AuthResult(user, tokens.issue(user.id()), refreshTokens.issue(tx, user.id(), Ids.newId()),
                    tokens.ttlSeconds());
        });
    }

    static boolean isUniqueViolation(Throwable e) {
        return UserRepository.isUniqueViolation(e);
    }
}
