package dev.tangle.geo.map.index;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantReadWriteLock;

import dev.tangle.geo.map.index.MapItem.Audience;
import dev.tangle.geo.map.index.MapItem.Kind;

/**
 * The memory-map index (docs/adr/0095): every item once in a columnar store, each author's items in code order
 * (own and friends' layers), each group's items in code order (group layer), and all public items in one grid
 * pyramid (count, distinct authors, centroid per cell per zoom) shared by every viewer. A query merges the
 * viewer's own, friends' and groups' cells with the public pyramid minus the public items of the viewer, their
 * friends and everyone blocked either way; the remaining strangers' part of a cell counts only with at least
 * {@code k} distinct authors. Reads share a lock; writes (events, inserts) take it briefly.
 */
public final class MapIndex {

    public static final int MAX_ZOOM = 20;
    /** Cells at zoom z are 2^(z+3) per axis: 8 per 256-px tile, 32 px. */
    public static final int LEVEL_OFFSET = 3;

    final int k;
    final int pyramidMaxZoom;
    final ItemStore store = new ItemStore();
    final Interner users = new Interner();
    final Interner groups = new Interner();
    final SocialGraph social = new SocialGraph();
    final List<SortedCodes> byAuthor = new ArrayList<>();
    final List<SortedCodes> byGroup = new ArrayList<>();
    final SortedCodes publicItems = new SortedCodes();
    final CellMap[] pyramid;
    final PersonalCache cache = new PersonalCache();
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();

    /**
     * @param k              distinct strangers an anonymous cluster needs
     * @param pyramidMaxZoom highest zoom the public pyramid keeps; above it strangers' cells are counted per query
     */
    public MapIndex(int k, int pyramidMaxZoom) {
        if (k < 1 || pyramidMaxZoom < 0 || pyramidMaxZoom > MAX_ZOOM) {
            throw new IllegalArgumentException("k >= 1 and 0 <= pyramidMaxZoom <= " + MAX_ZOOM);
        }
        this.k = k;
        this.pyramidMaxZoom = pyramidMaxZoom;
        this.pyramid = new CellMap[pyramidMaxZoom + 1];
        for (int z = 0; z <= pyramidMaxZoom; z++) {
            pyramid[z] = new CellMap(16);
        }
    }

    public int size() {
        lock.readLock().lock();
        try {
            return store.live();
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Bulk load into an empty index: one sort, then one pass per pyramid level. */
    public void load(Collection<MapItem> items) {
        lock.writeLock().lock();
        try {
            if (store.live() > 0) {
                items.forEach(this::putLocked);
                return;
            }
            new BulkLoader(this).load(items);
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Adds or replaces an item. */
    public void put(MapItem item) {
        lock.writeLock().lock();
        try {
            putLocked(item);
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Adds or replaces several items under one lock. */
    public void putAll(Collection<MapItem> items) {
        lock.writeLock().lock();
        try {
            items.forEach(this::putLocked);
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Removes an item; false when it was not there. */
    public boolean remove(Kind kind, UUID id) {
        lock.writeLock().lock();
        try {
            int s = store.find(kind, id);
            if (s < 0) {
                return false;
            }
            removeSlot(s);
            return true;
        } finally {
            lock.writeLock().unlock();
        }
    }

    public void setFriend(UUID user, UUID friend, boolean on) {
        write(() -> {
            int u = users.intern(user);
            social.setFriend(u, users.intern(friend), on);
            cache.userChanged(u);
        });
    }

    public void setBlock(UUID blocker, UUID blocked, boolean on) {
        write(() -> {
            int a = users.intern(blocker);
            int b = users.intern(blocked);
            social.setBlock(a, b, on);
            cache.userChanged(a);
            cache.userChanged(b);
        });
    }

    public void setMember(UUID group, UUID user, boolean on) {
        write(() -> {
            int u = users.intern(user);
            social.setMember(u, groups.intern(group), on);
            cache.userChanged(u);
        });
    }

    /** The clusters and items {@code viewer} sees in {@code box} at {@code zoom}. */
    public MapView view(UUID viewer, BBox box, int zoom, MapFilter filter) {
        checkZoom(zoom);
        return read(() -> new ViewQuery(this, viewer, zoom, filter).view(box));
    }

    /** The items of a cluster that {@code viewer} sees, newest first; empty when they see none. */
    public List<MapView.Item> clusterItems(UUID viewer, CellId cell, MapFilter filter) {
        return read(() -> new ViewQuery(this, viewer, cell.zoom(), filter).cellItems(cell));
    }

    /** The zoom at which a cluster's items fall apart into several cells; empty when the viewer sees nothing in it. */
    public Optional<Integer> expansionZoom(UUID viewer, CellId cell, MapFilter filter) {
        return read(() -> new ViewQuery(this, viewer, cell.zoom(), filter).expansionZoom(cell));
    }

    private static void checkZoom(int zoom) {
        if (zoom < 0 || zoom > MAX_ZOOM) {
            throw new IllegalArgumentException("zoom must be within 0.." + MAX_ZOOM);
        }
    }

    private void write(Runnable change) {
        lock.writeLock().lock();
        try {
            change.run();
        } finally {
            lock.writeLock().unlock();
        }
    }

    private <T> T read(java.util.function.Supplier<T> query) {
        lock.readLock().lock();
        try {
            return query.get();
        } finally {
            lock.readLock().unlock();
        }
    }

    private void putLocked(MapItem item) {
        int existing = store.find(item.kind(), item.id());
        if (existing >= 0) {
            removeSlot(existing);
        }
        int author = users.intern(item.authorId());
        int group = item.groupId() == null ? -1 : groups.intern(item.groupId());
        int s = store.add(item, author, group);
        cache.userChanged(author);
        if (group >= 0) {
            cache.groupChanged(group);
        }
        long code = store.code[s];
        list(byAuthor, author).add(code, s);
        if (item.audience() == Audience.GROUP) {
            list(byGroup, group).add(code, s);
        }
        if (item.audience() == Audience.PUBLIC) {
            publicItems.add(code, s);
            pyramid(s, +1);
        }
    }

    private void removeSlot(int s) {
        long code = store.code[s];
        cache.userChanged(store.author[s]);
        if (store.group[s] >= 0) {
            cache.groupChanged(store.group[s]);
        }
        if (store.audience[s] == Audience.PUBLIC.ordinal()) {
            pyramid(s, -1);
            publicItems.remove(code, s);
        }
        if (store.audience[s] == Audience.GROUP.ordinal()) {
            byGroup.get(store.group[s]).remove(code, s);
        }
        byAuthor.get(store.author[s]).remove(code, s);
        store.remove(s);
    }

    /** Counts a public item in (delta +1) or out (-1) of every pyramid level, finest first. */
    private void pyramid(int s, int delta) {
        long code = store.code[s];
        boolean authorAlreadyThere = false;
        for (int z = pyramidMaxZoom; z >= 0; z--) {
            int level = z + LEVEL_OFFSET;
            long prefix = Mercator.prefix(code, level);
            CellMap map = pyramid[z];
            int cell = delta > 0 ? map.slot(prefix) : map.find(prefix);
            if (cell < 0) {
                continue;
            }
            if (!authorAlreadyThere) {
                authorAlreadyThere = hasOtherPublic(store.author[s], prefix, level, s);
                if (!authorAlreadyThere) {
                    map.distinct[cell] += delta;
                }
            }
            if (delta < 0 && map.rep[cell] == s) {
                map.rep[cell] = -1;
            }
            map.add(cell, delta, Mercator.offsetX(code, level), Mercator.offsetY(code, level), s);
        }
    }

    private boolean hasOtherPublic(int author, long prefix, int level, int except) {
        boolean[] found = {false};
        byAuthor.get(author).forRange(Mercator.rangeStart(prefix, level), Mercator.rangeEnd(prefix, level), (c, t) -> {
            if (t != except && store.audience[t] == Audience.PUBLIC.ordinal()) {
                found[0] = true;
                return false;
            }
            return true;
        });
        return found[0];
    }

    static SortedCodes list(List<SortedCodes> lists, int n) {
        while (lists.size() <= n) {
            lists.add(new SortedCodes());
        }
        return lists.get(n);
    }
}
