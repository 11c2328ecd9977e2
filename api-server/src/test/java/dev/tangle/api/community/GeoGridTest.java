package dev.tangle.api.community;

import dev.tangle.api.community.post.GeoGrid;
import dev.tangle.api.community.post.Location;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class GeoGridTest {

    @Test
    void snapsToTheCellCentreAboutAKilometreAcross() {
        double[] a = GeoGrid.snap(48.858370, 2.294481);
        double[] b = GeoGrid.snap(48.858400, 2.294500);
        assertThat(a).containsExactly(b);
        // within half a cell diagonal (~0.71 km) of the original
        assertThat(kilometres(48.858370, 2.294481, a[0], a[1])).isLessThan(0.75);
        // rows are 1 km apart; along a row, neighbouring cells are 1 km apart
        double[] north = GeoGrid.snap(a[0] + 0.009, a[1]);
        double[] east = GeoGrid.snap(a[0], a[1] + 0.0137);
        assertThat(kilometres(a[0], a[1], north[0], a[1])).isCloseTo(1.0, within(0.05));
        assertThat(kilometres(a[0], a[1], east[0], east[1])).isCloseTo(1.0, within(0.05));
    }

    @Test
    void staysInRangeAtTheEdges() {
        for (double[] p : new double[][] {{90, 180}, {-90, -180}, {89.9999, 179.9999}, {0, 0}, {-33.5, -180}}) {
            double[] s = GeoGrid.snap(p[0], p[1]);
            assertThat(s[0]).isBetween(-90.0, 90.0);
            assertThat(s[1]).isBetween(-180.0, 180.0);
        }
    }

    @Test
    void exactLocationsAreKeptAsSent() {
        Location exact = Location.of(1.23456789, 2.3456789, "here", false);
        assertThat(exact.lat()).isEqualTo(1.23456789);
        assertThat(exact.precision()).isEqualTo("exact");
        assertThat(Location.of(1.23456789, 2.3456789, null, true).lat()).isNotEqualTo(1.23456789);
    }

    private static double kilometres(double lat1, double lon1, double lat2, double lon2) {
        double r = 6371.0;
        double dLat = Math.toRadians(lat2 - lat1);
        double dLon = Math.toRadians(lon2 - lon1);
        double h = Math.pow(Math.sin(dLat / 2), 2)
                + Math.cos(Math.toRadians(lat1)) * Math.cos(Math.toRadians(lat2)) * Math.pow(Math.sin(dLon / 2), 2);
        return 2 * r * Math.asin(Math.sqrt(h));
    }
}
