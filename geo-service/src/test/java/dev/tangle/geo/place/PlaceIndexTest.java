package dev.tangle.geo.place;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

import dev.tangle.geo.support.LatLon;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PlaceIndexTest {

    @Test
    void aQueryReturnsExactlyThePlacesWhoseGrownCircleCouldHoldThePoint() {
        PlaceIndex index = new PlaceIndex(100);
        Random random = new Random(5);
        Set<UUID> all = new HashSet<>();
        List<Place> places = new java.util.ArrayList<>();
        for (int i = 0; i < 100_000; i++) {
            Place p = new Place(UUID.randomUUID(), UUID.randomUUID(), null, "p", 47 + random.nextDouble(), 8 + random.nextDouble(),
                    50 + random.nextInt(500), 0, Instant.now(), Instant.now());
            index.put(p, List.of());
            all.add(p.id());
            places.add(p);
        }
        LatLon point = new LatLon(47.5, 8.5);
        List<Place> candidates = index.candidates(point, all);
        assertThat(candidates.size()).isLessThan(100);
        for (Place p : places) {
            if (p.center().metresTo(point) <= p.radiusM() + 100) {
                assertThat(candidates).contains(p);
            }
        }
        index.remove(candidates.getFirst().id());
        assertThat(index.candidates(point, all)).doesNotContain(candidates.getFirst());
        assertThat(index.size()).isEqualTo(99_999);
    }

    @Test
    void aFewWatchedPlacesAreCheckedDirectlyWithTheSameAnswerAsTheTree() {
        PlaceIndex index = new PlaceIndex(100);
        Random random = new Random(9);
        List<Place> places = new java.util.ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            Place p = new Place(UUID.randomUUID(), UUID.randomUUID(), null, "p", 47 + random.nextDouble() * 0.05,
                    8 + random.nextDouble() * 0.05, 50 + random.nextInt(500), 0, Instant.now(), Instant.now());
            index.put(p, List.of());
            places.add(p);
        }
        for (int q = 0; q < 200; q++) {
            LatLon point = new LatLon(47 + random.nextDouble() * 0.05, 8 + random.nextDouble() * 0.05);
            Set<UUID> few = new HashSet<>();
            while (few.size() < PlaceIndex.DIRECT_LIMIT) {
                few.add(places.get(random.nextInt(places.size())).id());
            }
            Set<UUID> many = new HashSet<>(few);
            many.add(UUID.randomUUID()); // one more than the limit, not a place: the tree answers
            assertThat(index.candidates(point, few)).containsExactlyInAnyOrderElementsOf(index.candidates(point, many));
        }
    }
}
