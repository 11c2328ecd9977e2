package dev.tangle.tools.bench;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;


/**
 * Bulk-seeds the api schema for {@link FeedBench} with COPY: users sharing one real argon2id hash, friendships
 * (both directions), groups with members, posts spread over the past year (UUIDv7 ids made for their creation
 * time) and one public post with a three-level tree of comments. Deterministic for a given seed.
 */
final class FeedSeeder {

    static final String HANDLE_PREFIX = "fbench_";
    private static final long YEAR_MILLIS = 365L * 24 * 3600 * 1000;

    private final Connection db;
    private final Random random = new Random(42);
    private final long now = System.currentTimeMillis();

    /** What was seeded, for the measurements. */
    record Seeded(List<UUID> users, UUID commentPost) {
    }

    FeedSeeder(Connection db) {
        this.db = db;
    }

    Seeded seed(int userCount, int friendsPerUser, int groupCount, int groupSize, int postCount, int commentCount,
                String passwordHash) throws SQLException, IOException {
        List<UUID> users = new ArrayList<>(userCount);
        for (int i = 0; i < userCount; i++) {
            users.add(uuid7(now - YEAR_MILLIS - (userCount - i) * 1000L));
        }
        long t = System.nanoTime();
        Copy.into(db, "users (id, handle, display_name, password_hash)", w -> {
            for (int i = 0; i < userCount; i++) {
                Copy.row(w, users.get(i), HANDLE_PREFIX + i, "Bench user " + i, passwordHash);
            }
        });
        Copy.into(db, "friendships (user_id, friend_id)", w -> {
            Set<Long> pairs = new HashSet<>();
            for (int i = 0; i < userCount; i++) {
                for (int k = 0; k < friendsPerUser / 2; k++) {
                    int j = random.nextInt(userCount);
                    if (j != i && pairs.add((long) Math.min(i, j) * userCount + Math.max(i, j))) {
                        Copy.row(w, users.get(i), users.get(j));
                        Copy.row(w, users.get(j), users.get(i));
                    }
                }
            }
        });
        log("users and friendships", t);
        Groups groups = seedGroups(users, groupCount, groupSize);
        t = System.nanoTime();
        UUID commentPost = seedPosts(users, groups, postCount);
        log(postCount + " posts", t);
        t = System.nanoTime();
        seedComments(users, commentPost, commentCount);
        log(commentCount + " comments", t);
        t = System.nanoTime();
        try (Statement s = db.createStatement()) {
            s.execute("VACUUM ANALYZE users, friendships, groups, group_members, posts, comments");
        }
        log("vacuum analyze", t);
        return new Seeded(users, commentPost);
    }

    private Groups seedGroups(List<UUID> users, int groupCount, int groupSize) throws SQLException, IOException {
        List<UUID> groups = new ArrayList<>();
        List<List<Integer>> members = new ArrayList<>();
        for (int g = 0; g < groupCount; g++) {
            groups.add(uuid7(now - YEAR_MILLIS));
            Set<Integer> m = new HashSet<>();
            while (m.size() < groupSize) {
                m.add(random.nextInt(users.size()));
            }
            members.add(new ArrayList<>(m));
        }
        Copy.into(db, "groups (id, name, visibility, created_by)", w -> {
            for (int g = 0; g < groupCount; g++) {
                Copy.row(w, groups.get(g), "Bench group " + g, g % 2 == 0 ? "public" : "private", users.get(members.get(g).getFirst()));
            }
        });
        Copy.into(db, "group_members (group_id, user_id, role)", w -> {
            for (int g = 0; g < groupCount; g++) {
                for (int k = 0; k < members.get(g).size(); k++) {
                    Copy.row(w, groups.get(g), users.get(members.get(g).get(k)), k == 0 ? "owner" : "member");
                }
            }
        });
        return new Groups(groups, members);
    }

    /** Seeded groups and the indexes (into the user list) of their members. */
    private record Groups(List<UUID> ids, List<List<Integer>> members) {
    }

    /** Posts at random times over the past year; 60% public, 25% friends, 10% private, 5% group. */
    private UUID seedPosts(List<UUID> users, Groups groups, int postCount) throws SQLException, IOException {
        UUID commentPost = uuid7(now - 3_600_000);
        Copy.into(db, "posts (id, author_id, text, format, visibility, group_id, created_at, comment_count, comment_seq)", w -> {
            for (int i = 0; i < postCount; i++) {
                long at = now - 7_200_000 - (long) (random.nextDouble() * YEAR_MILLIS);
                int kind = random.nextInt(100);
                String visibility = kind < 60 ? "public" : kind < 85 ? "friends" : kind < 95 ? "private" : "group";
                UUID author;
                String group = null;
                if (visibility.equals("group") && !groups.ids().isEmpty()) {
                    int g = random.nextInt(groups.ids().size());
                    List<Integer> members = groups.members().get(g);
                    author = users.get(members.get(random.nextInt(members.size())));
                    group = groups.ids().get(g).toString();
                } else {
                    visibility = visibility.equals("group") ? "public" : visibility;
                    author = users.get(random.nextInt(users.size()));
                }
                Copy.row(w, uuid7(at), author, "Post " + i + " — a short bench text", "plain", visibility, group,
                        java.time.Instant.ofEpochMilli(at), 0, 0);
            }
        });
        return commentPost;
    }

    /** One public post with {@code count} comments: top-level comments, each with two replies, each with one reply. */
    private void seedComments(List<UUID> users, UUID postId, int count) throws SQLException, IOException {
        int top = count / 5;
        try (var s = db.prepareStatement("INSERT INTO posts (id, author_id, text, format, visibility, created_at, "
                + "comment_count, comment_seq) VALUES (?, ?, 'The bench thread', 'plain', 'public', now(), ?, ?)")) {
            s.setObject(1, postId);
            s.setObject(2, users.getFirst());
            s.setInt(3, top * 5);
            s.setInt(4, top);
            s.executeUpdate();
        }
        long base = now - 3_000_000;
        Copy.into(db, "comments (id, post_id, parent_id, path, depth, author_id, text, created_at, reply_count, child_seq)", w -> {
            for (int i = 1; i <= top; i++) {
                String path = "%08x".formatted(i);
                UUID id = uuid7(base + i * 10L);
                Copy.row(w, id, postId, null, path, 0, author(users), "Top comment " + i, ts(base + i * 10L), 2, 2);
                for (int c = 1; c <= 2; c++) {
                    UUID child = uuid7(base + i * 10L + c * 3);
                    String childPath = path + "%08x".formatted(c);
                    Copy.row(w, child, postId, id, childPath, 1, author(users), "Reply " + c, ts(base + i * 10L + c * 3), 1, 1);
                    Copy.row(w, uuid7(base + i * 10L + c * 3 + 1), postId, child, childPath + "%08x".formatted(1), 2,
                            author(users), "Reply to reply", ts(base + i * 10L + c * 3 + 1), 0, 0);
                }
            }
        });
    }

    private UUID author(List<UUID> users) {
        return users.get(random.nextInt(users.size()));
    }

    private static java.time.Instant ts(long millis) {
        return java.time.Instant.ofEpochMilli(millis);
    }

    /** A UUIDv7 for a given time: 48-bit milliseconds, version 7, random rest with the RFC 4122 variant. */
    UUID uuid7(long epochMillis) {
        long msb = (epochMillis << 16) | 0x7000L | (random.nextInt() & 0x0FFFL);
        long lsb = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb);
    }

    static void log(String what, long startNanos) {
        System.out.printf("  seeded %-28s in %6.1f s%n", what, (System.nanoTime() - startNanos) / 1e9);
    }
}
