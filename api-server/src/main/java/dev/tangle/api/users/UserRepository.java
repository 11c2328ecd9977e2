package dev.tangle.api.users;

import java.util.Optional;
import java.util.UUID;

import dev.tangle.common.db.Rows;
import io.helidon.dbclient.DbExecute;
import io.helidon.dbclient.DbRow;

/** SQL for {@code users}. */
public final class UserRepository {

    static final String COLUMNS = "id, handle, display_name, bio, avatar_media_id, created_at";

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

    public static User user(DbRow row) {
        return new User(Rows.uuid(row, "id"), Rows.string(row, "handle"), Rows.string(row, "display_name"),
                Rows.string(row, "bio"), Rows.uuid(row, "avatar_media_id"), Rows.instant(row, "created_at"));
    }
}
