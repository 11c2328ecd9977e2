package dev.tangle.api.users;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import dev.tangle.api.graph.SocialGraph;
import dev.tangle.common.db.Rows;
import io.helidon.dbclient.DbExecute;
import io.helidon.dbclient.DbRow;

/** SQL for {@code users}. */
public final class UserRepository {

    static final String COLUMNS = "id, handle, display_name, bio, avatar_media_id, created_at";

    /** The columns of {@link #user(DbRow)} qualified by a table alias, for joins. */
    public static String columns(String alias) {
        return alias + ".id, " + alias + ".handle, " + alias + ".display_name, " + alias + ".bio, "
               + alias + ".avatar_media_id, " + alias + ".created_at";
    }

    /** An account with its password hash, for login. */
    public record Credentials(User user, String passwordHash) {
    }

    public void insert(DbExecute tx, User user, String passwordHash) {
        tx.createInsert("INSERT INTO users (id, handle, display_name, bio, password_hash, created_at) VALUES (?, ?, ?, ?, ?, ?)")
                .addParam(user.id()).addParam(user.handle()).addParam(user.displayName()).addParam(user.bio())
                .addParam(passwordHash).addParam(Rows.ts(user.createdAt()))
                .execute();
    }

    public boolean handleTaken(DbExecute db, String handle) {
        return db.createGet("SELECT 1 FROM users WHERE lower(handle) = lower(?)").addParam(handle).execute().isPresent();
    }

    public Optional<User> find(DbExecute db, UUID id) {
        return db.createGet("SELECT " + COLUMNS + " FROM users WHERE id = ?").addParam(id).execute()
                .map(UserRepository::user);
    }

    public Optional<Credentials> credentials(DbExecute db, String handle) {
        return db.createGet("SELECT " + COLUMNS + ", password_hash FROM users WHERE lower(handle) = lower(?)")
                .addParam(handle).execute()
                .map(row -> new Credentials(user(row), Rows.string(row, "password_hash")));
    }

    /** A user the viewer may see: not blocked either way. */
    public Optional<User> findVisible(DbExecute db, UUID viewer, UUID id) {
        return db.createGet("SELECT " + COLUMNS + " FROM users WHERE id = ? AND " + SocialGraph.notBlockedWith("id"))
                .addParam(id).addParam(viewer).addParam(viewer).execute()
                .map(UserRepository::user);
    }

    /** Users whose handle starts with {@code prefix} ignoring case, in handle order, after {@code afterHandle}. */
    public List<User> searchByHandlePrefix(DbExecute db, UUID viewer, String prefix, String afterHandle, int limit) {
        String like = prefix.toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("_", "\\_").replace("%", "\\%") + "%";
        return db.createQuery("SELECT " + COLUMNS + " FROM users WHERE lower(handle) LIKE ? ESCAPE '\\' "
                              + "AND lower(handle) > ? AND " + SocialGraph.notBlockedWith("id")
                              + " ORDER BY lower(handle) LIMIT " + limit)
                .addParam(like).addParam(afterHandle == null ? "" : afterHandle).addParam(viewer).addParam(viewer)
                .execute().map(UserRepository::user).toList();
    }

    /** Applies the given profile changes; null leaves a field as it is. */
    public Optional<User> update(DbExecute tx, UUID id, ProfilePatch patch) {
        return tx.createGet("UPDATE users SET display_name = coalesce(?, display_name), bio = coalesce(?, bio), "
                            + "avatar_media_id = CASE WHEN ? THEN ?::uuid ELSE avatar_media_id END WHERE id = ? "
                            + "RETURNING " + COLUMNS)
                .addParam(patch.displayName()).addParam(patch.bio()).addParam(patch.avatarGiven())
                .addParam(patch.avatarMediaId()).addParam(id)
                .execute().map(UserRepository::user);
    }

    public static User user(DbRow row) {
        return new User(Rows.uuid(row, "id"), Rows.string(row, "handle"), Rows.string(row, "display_name"),
                Rows.string(row, "bio"), Rows.uuid(row, "avatar_media_id"), Rows.instant(row, "created_at"));
    }

    /** Every banned user (operators' bans, docs/adr/0111). */
    public java.util.Set<UUID> bannedIds(DbExecute db) {
        return db.createQuery("SELECT id FROM users WHERE banned_at IS NOT NULL").execute()
                .map(r -> Rows.uuid(r, "id")).collect(java.util.stream.Collectors.toSet());
    }

    /** Whether a failure was a unique constraint (a taken handle). */
    public static boolean isUniqueViolation(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLException sql && "23505".equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
