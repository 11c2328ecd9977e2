package dev.tangle.common.db;

import java.time.Duration;
import java.util.Map;

import dev.tangle.common.config.CommonConfig.DbConfig;
import dev.tangle.common.test.PostgresProcess;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A session pool's connections carry their own settings; the service's pool keeps the defaults. */
class DatabaseIT {

    @Test
    void aSessionPoolSetsItsSettingsOnEverySessionAndWritesInAutocommit() {
        try (PostgresProcess pg = PostgresProcess.start()) {
            DbConfig config = new DbConfig(pg.newDatabase(), pg.user(), "", 2, "demo", Duration.ofSeconds(2),
                    Duration.ofSeconds(3));
            try (Database db = Database.open(config, new SimpleMeterRegistry(), Duration.ofSeconds(30));
                 Database job = db.sessionPool("job", 2, Map.of("plan_cache_mode", "force_generic_plan"))) {
                assertThat(setting(db, "plan_cache_mode")).isEqualTo("auto");
                for (int i = 0; i < 4; i++) { // every pooled session, not only the first
                    assertThat(setting(job, "plan_cache_mode")).isEqualTo("force_generic_plan");
                }
                assertThat(setting(job, "statement_timeout")).isEqualTo("3s");
                assertThat(setting(job, "search_path")).contains("demo");

                job.autocommit(tx -> tx.dml("CREATE TABLE t (n int)"));
                job.autocommit(tx -> tx.dml("INSERT INTO t VALUES (1)"));
                long seen = db.client().execute().get("SELECT count(*) AS n FROM t").map(r -> Rows.longValue(r, "n"))
                        .orElseThrow();
                assertThat(seen).isEqualTo(1); // committed without a transaction around it
            }
        }
    }

    private static String setting(Database db, String name) {
        return db.client().execute().get("SELECT current_setting('" + name + "') AS v")
                .map(r -> Rows.string(r, "v")).orElseThrow();
    }
}
