package dev.tangle.geo.location;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import dev.tangle.common.json.Json;
import dev.tangle.geo.share.Precision;
import dev.tangle.geo.share.Share;
import dev.tangle.geo.support.GeoGrid;
import dev.tangle.geo.support.LatLon;
import org.junit.jupiter.api.Test;

/** The hand-written {@code location} frame is exactly what Jackson writes for its fields, and approximate is the cell. */
class LocationFrameTest {

    @Test
    void isTheJsonOfItsFieldsByteForByte() {
        Random random = new Random(11);
        UUID user = UUID.randomUUID();
        for (int i = 0; i < 2_000; i++) {
            Precision precision = i % 2 == 0 ? Precision.EXACT : Precision.APPROXIMATE;
            Share share = new Share(UUID.randomUUID(), user, List.of(), null, null, precision, "friends",
                    Instant.EPOCH, Instant.EPOCH.plusSeconds(3600), null, false);
            Double accuracy = i % 3 == 0 ? null : random.nextDouble() * 100;
            Instant at = Instant.ofEpochSecond(1_700_000_000L + random.nextInt(1_000_000), i % 5 == 0 ? 0 : random.nextInt(1_000_000_000));
            Fix fix = new Fix(new LatLon(random.nextDouble() * 180 - 90, random.nextDouble() * 360 - 180), accuracy,
                    null, at);
            LastLocation last = LastLocation.of(fix, at.plusMillis(random.nextInt(1000)));

            boolean exact = precision == Precision.EXACT;
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("type", "location");
            f.put("userId", user);
            f.put("shareId", share.id());
            f.put("lat", exact ? last.lat() : last.cellLat());
            f.put("lon", exact ? last.lon() : last.cellLon());
            f.put("accuracyM", exact ? last.accuracyM() : Double.valueOf(GeoGrid.APPROXIMATE_ACCURACY_M));
            f.put("precision", precision.wire());
            f.put("at", last.at());
            f.put("sentAt", last.receivedAt());

            assertThat(new String(LocationService.frame(user, share, last))).isEqualTo(new String(Json.write(f)));
        }
    }
}
