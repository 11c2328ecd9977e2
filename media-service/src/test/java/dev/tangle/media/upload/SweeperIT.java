package dev.tangle.media.upload;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

import dev.tangle.common.config.CommonConfig;
import dev.tangle.common.db.Database;
import dev.tangle.common.test.TestInfra;
import dev.tangle.media.store.BlobStore;
import dev.tangle.media.store.LocalBlobStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** The sweeper removes abandoned uploads and orphan blobs, and leaves alone what a row owns or may soon own. */
class SweeperIT {

    private static Database db;

    @TempDir
    Path dir;

    @BeforeAll
    static void open() {
        var pg = TestInfra.postgres();
        db = Database.open(new CommonConfig.DbConfig(pg.newDatabase(), pg.user(), "", 4, "media",
                Duration.ofSeconds(1), Duration.ofSeconds(5)),
                new SimpleMeterRegistry(), Duration.ofSeconds(30));
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @Test
    void removesAbandonedUploadsAndOrphansOnly() throws Exception {
        BlobStore blobs = new LocalBlobStore(dir.resolve("blobs"));
        Path staging = Files.createDirectories(dir.resolve("tmp"));
        Path file = Files.writeString(dir.resolve("x"), "bytes");
        UUID owner = UUID.randomUUID();
        UUID live = UUID.randomUUID();
        UUID orphan = UUID.randomUUID();
        UUID abandoned = UUID.randomUUID();
        UUID active = UUID.randomUUID();
        db.client().execute().createInsert("INSERT INTO media (id, owner_id, kind, content_type, size, status) "
                                           + "VALUES (?, ?, 'image', 'image/jpeg', 5, 'ready')").addParam(live).addParam(owner).execute();
        db.client().execute().createInsert("INSERT INTO uploads (id, owner_id, length, updated_at) VALUES "
                                           + "(?, ?, 10, now() - interval '2 days')").addParam(abandoned).addParam(owner).execute();
        db.client().execute().createInsert("INSERT INTO uploads (id, owner_id, length) VALUES (?, ?, 10)")
                .addParam(active).addParam(owner).execute();
        blobs.put("media/" + live + "/original", file, "image/jpeg");
        blobs.put("media/" + orphan + "/original", file, "image/jpeg");   // stored, row never committed
        blobs.put("uploads/" + abandoned + "/0000000000000000", file, "x");
        blobs.put("uploads/" + active + "/0000000000000000", file, "x");
        Files.writeString(staging.resolve("up-old.upload"), "stale");

        Sweeper now = new Sweeper(db, blobs, staging, Duration.ofHours(24), Duration.ofMinutes(10), Clock.systemUTC());
        Sweeper.Swept first = now.sweepOnce();
        assertThat(first.uploads()).isEqualTo(1);                  // the abandoned upload's row
        assertThat(blobs.stat("uploads/" + abandoned + "/0000000000000000")).isEmpty();
        assertThat(blobs.stat("media/" + orphan + "/original")).isPresent(); // within the grace period: may still commit

        Clock later = Clock.fixed(Instant.now().plus(Duration.ofMinutes(30)), ZoneOffset.UTC);
        Sweeper.Swept second = new Sweeper(db, blobs, staging, Duration.ofHours(24), Duration.ofMinutes(10), later).sweepOnce();
        assertThat(second.blobs()).isEqualTo(1);
        assertThat(blobs.stat("media/" + orphan + "/original")).isEmpty();
        assertThat(blobs.stat("media/" + live + "/original")).isPresent();
        assertThat(blobs.stat("uploads/" + active + "/0000000000000000")).isPresent();

        Clock muchLater = Clock.fixed(Instant.now().plus(Duration.ofHours(3)), ZoneOffset.UTC);
        Sweeper.Swept third = new Sweeper(db, blobs, staging, Duration.ofHours(24), Duration.ofMinutes(10), muchLater).sweepOnce();
        assertThat(third.tempFiles()).isEqualTo(1);
        assertThat(Files.exists(staging.resolve("up-old.upload"))).isFalse();
    }
}
