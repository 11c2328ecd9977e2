package dev.tangle.tools.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import dev.tangle.geo.map.index.MapItem;
import dev.tangle.geo.map.index.MapItem.Audience;
import dev.tangle.geo.map.index.MapItem.Kind;
import dev.tangle.geo.map.index.Mercator;

/**
 * The generated world of {@code bench map}: users with a random symmetric friendship graph, groups, and points in
 * three distributions — around cities (Gaussian, Zipf-weighted), uniform over the inhabited latitudes, and one
 * dense spot — each an item of a random author with a mix of audiences. Seeded: every run is the same world.
 */
final class MapBenchData {

    final List<UUID> users = new ArrayList<>();
    final List<UUID> groups = new ArrayList<>();
    final List<int[]> friendships = new ArrayList<>();
    final List<int[]> memberships = new ArrayList<>();
    final List<MapItem> items = new ArrayList<>();
    private final int[][] userGroups;
    private final double[][] cities;
    private final Random random = new Random(7);

    MapBenchData(int userCount, int friendsEach, int groupCount) {
        for (int i = 0; i < userCount; i++) {
            users.add(new UUID(random.nextLong(), random.nextLong()));
        }
        for (int i = 0; i < groupCount; i++) {
            groups.add(new UUID(random.nextLong(), random.nextLong()));
        }
        for (int u = 0; u < userCount; u++) {
            for (int f = 0; f < friendsEach / 2; f++) {
                int other = random.nextInt(userCount);
                if (other != u) {
                    friendships.add(new int[] {u, other});
                    friendships.add(new int[] {other, u});
                }
            }
        }
        userGroups = new int[userCount][];
        for (int u = 0; u < userCount; u++) {
            userGroups[u] = new int[] {random.nextInt(groupCount), random.nextInt(groupCount), random.nextInt(groupCount)};
            for (int g : userGroups[u]) {
                memberships.add(new int[] {u, g});
            }
        }
        cities = new double[300][];
        for (int c = 0; c < cities.length; c++) {
            cities[c] = new double[] {random.nextDouble() * 110 - 50, random.nextDouble() * 360 - 180,
                    0.02 + random.nextDouble() * 0.2};
        }
    }

    void points(int count) {
        for (int i = 0; i < count; i++) {
            items.add(item(point()));
        }
    }

    /** One more random item (for the live inserts). */
    MapItem next() {
        return item(point());
    }

    private double[] point() {
        double r = random.nextDouble();
        if (r < 0.45) {
            double[] city = cities[(int) Math.min(cities.length - 1, Math.abs(random.nextGaussian()) * cities.length / 3)];
            return new double[] {city[0] + random.nextGaussian() * city[2], city[1] + random.nextGaussian() * city[2]};
        }
        if (r < 0.85) {
            return new double[] {random.nextDouble() * 130 - 60, random.nextDouble() * 360 - 180};
        }
        return new double[] {48.8566 + random.nextGaussian() * 0.005, 2.3522 + random.nextGaussian() * 0.005};
    }

    private MapItem item(double[] p) {
        int author = random.nextInt(users.size());
        double a = random.nextDouble();
        Audience audience = a < 0.5 ? Audience.PUBLIC : a < 0.85 ? Audience.FRIENDS : a < 0.95 ? Audience.PRIVATE : Audience.GROUP;
        UUID group = audience == Audience.GROUP ? groups.get(userGroups[author][random.nextInt(3)]) : null;
        double lat = Math.max(-85, Math.min(85, p[0]));
        double lon = ((p[1] + 540) % 360) - 180;
        return new MapItem(random.nextInt(5) == 0 ? Kind.MEDIA : Kind.POST, new UUID(random.nextLong(), random.nextLong()),
                users.get(author), audience, group, lat, lon,
                Instant.ofEpochSecond(1_700_000_000L + random.nextInt(60_000_000)), null);
    }

    /** The user with the most friends: the viewer of the measured queries. */
    UUID busiestViewer() {
        int[] degree = new int[users.size()];
        friendships.forEach(f -> degree[f[0]]++);
        int best = 0;
        for (int u = 1; u < degree.length; u++) {
            if (degree[u] > degree[best]) {
                best = u;
            }
        }
        return users.get(best);
    }

    int friendsOf(UUID user) {
        int u = users.indexOf(user);
        return (int) friendships.stream().filter(f -> f[0] == u).count();
    }

    /** 1024×768 px viewports (256-px tiles) at {@code zoom}, centred on random items. */
    List<double[]> viewports(int zoom, int count, Random r) {
        List<double[]> out = new ArrayList<>();
        double width = 4.0 * 360.0 / (1 << zoom);
        double height = 3.0 / (1 << zoom);
        for (int i = 0; i < count; i++) {
            MapItem centre = items.get(r.nextInt(items.size()));
            double west;
            double east;
            if (width >= 360) {
                west = -180;
                east = 180;
            } else {
                west = wrap(centre.lon() - width / 2);
                east = wrap(centre.lon() + width / 2);
            }
            double y = Mercator.y(centre.lat());
            double north = Mercator.lat(Math.max(0, y - height / 2));
            double south = Mercator.lat(Math.min(1, y + height / 2));
            out.add(new double[] {zoom, west, south, east, north});
        }
        return out;
    }

    private static double wrap(double lon) {
        return lon < -180 ? lon + 360 : lon > 180 ? lon - 360 : lon;
    }

    void writePoints(Path file) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(items.size() * 16).order(ByteOrder.LITTLE_ENDIAN);
        for (MapItem item : items) {
            buffer.putDouble(item.lon()).putDouble(item.lat());
        }
        write(file, buffer);
    }

    static void writeViewports(Path file, List<double[]> viewports) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(viewports.size() * 40).order(ByteOrder.LITTLE_ENDIAN);
        viewports.forEach(v -> {
            for (double d : v) {
                buffer.putDouble(d);
            }
        });
        write(file, buffer);
    }

    private static void write(Path file, ByteBuffer buffer) throws IOException {
        buffer.flip();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            while (buffer.hasRemaining()) {
                ch.write(buffer);
            }
        }
    }
}
