package dev.tangle.geo.support;

import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class GeoGridTest {

    @Test
    void everyPointOfACellSnapsToTheSameCentreAndCellsAreAboutAKilometre() {
        LatLon cell = GeoGrid.snap(48.8584, 2.2945);
        Random random = new Random(1);
        for (int i = 0; i < 10_000; i++) {
            LatLon p = GeoGrid.snap(cell.lat() + (random.nextDouble() - 0.5) * 0.0089, cell.lon() + (random.nextDouble() - 0.5) * 0.0134);
            assertThat(p).isEqualTo(cell);
        }
        LatLon north = GeoGrid.snap(cell.lat() + 0.009, cell.lon());
        assertThat(north.metresTo(cell)).isBetween(900.0, 1100.0);
        LatLon east = GeoGrid.snap(cell.lat(), cell.lon() + 0.0137);
        assertThat(east.metresTo(cell)).isBetween(900.0, 1100.0);
    }

    @Test
    void coordinatesNeverPrint() {
        assertThat(new LatLon(48.1, 2.2).toString()).doesNotContain("48").doesNotContain("2.2");
    }
}
