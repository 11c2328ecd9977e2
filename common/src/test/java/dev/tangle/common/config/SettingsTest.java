package dev.tangle.common.config;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SettingsTest {

    @Test
    void environmentOverridesDefaults() {
        Settings s = Settings.of(Map.of("TANGLE_DB_POOL_SIZE", "7", "TANGLE_PORT_BASE", "9000"));
        assertThat(s.integer("db.pool-size", 16, 1, 100)).isEqualTo(7);
        CommonConfig config = CommonConfig.from(s, "geo-service", 2, "geo");
        assertThat(config.http().port()).isEqualTo(9002);
        assertThat(config.db().poolSize()).isEqualTo(7);
    }

    @Test
    void ratesReadCountAndPeriod() {
        Settings s = Settings.of(Map.of("TANGLE_RATELIMIT_LOGIN_PER_IP", "30 / 1 m", "TANGLE_MEDIA_UPLOAD_RATE", "0/1h"));
        assertThat(s.rate("ratelimit.login-per-ip", "5/15m")).isEqualTo(new Settings.Rate(30, Duration.ofMinutes(1)));
        assertThat(s.rate("ratelimit.register-per-ip", "10/250ms")).isEqualTo(new Settings.Rate(10, Duration.ofMillis(250)));
        assertThatThrownBy(() -> s.rate("media.upload-rate", "60/1h"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("TANGLE_MEDIA_UPLOAD_RATE");
    }

    @Test
    void explicitPortWinsOverBase() {
        CommonConfig config = CommonConfig.from(Settings.of(Map.of("TANGLE_PORT_BASE", "9000", "TANGLE_PORT", "9100")),
                "api-server", 0, "api");
        assertThat(config.http().port()).isEqualTo(9100);
    }

    @Test
    void badValuesFailNamingKeyAndVariable() {
        assertThatThrownBy(() -> CommonConfig.from(Settings.of(Map.of("TANGLE_DB_POOL_SIZE", "lots")), "api-server", 0, "api"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("tangle.db.pool-size").hasMessageContaining("TANGLE_DB_POOL_SIZE")
                .hasMessageContaining("lots");
        assertThatThrownBy(() -> CommonConfig.from(Settings.of(Map.of("TANGLE_NATS_URL", "http://x")), "api-server", 0, "api"))
                .hasMessageContaining("tangle.nats.url");
        assertThatThrownBy(() -> CommonConfig.from(Settings.of(Map.of("TANGLE_PORT", "70000")), "api-server", 0, "api"))
                .hasMessageContaining("between 0 and 65535");
    }

    @Test
    void durationsAndSizesParse() {
        Settings s = Settings.of(Map.of("TANGLE_A", "250ms", "TANGLE_B", "PT2S", "TANGLE_C", "3m", "TANGLE_SIZE", "64KiB"));
        Duration max = Duration.ofHours(1);
        assertThat(s.duration("a", Duration.ZERO, Duration.ZERO, max)).isEqualTo(Duration.ofMillis(250));
        assertThat(s.duration("b", Duration.ZERO, Duration.ZERO, max)).isEqualTo(Duration.ofSeconds(2));
        assertThat(s.duration("c", Duration.ZERO, Duration.ZERO, max)).isEqualTo(Duration.ofMinutes(3));
        assertThat(s.bytes("size", 0, 0, Long.MAX_VALUE)).isEqualTo(64 * 1024);
        assertThatThrownBy(() -> Settings.of(Map.of("TANGLE_A", "soon")).duration("a", Duration.ZERO, Duration.ZERO, max))
                .hasMessageContaining("TANGLE_A");
    }
}
