package dev.tangle.tools.bench;

import java.util.ArrayList;
import java.util.List;

/** N clients in groups of K: client i is member i % K of group i / K (the last group may be smaller). */
final class Population {

    final List<BenchClient> clients;
    final int groupSize;
    final int groups;

    Population(int clientCount, int groupSize) {
        if (clientCount < 2 || groupSize < 2) {
            throw new IllegalArgumentException("need at least 2 clients and a group size of at least 2");
        }
        this.groupSize = Math.min(groupSize, clientCount);
        this.groups = (clientCount + this.groupSize - 1) / this.groupSize;
        this.clients = new ArrayList<>(clientCount);
        for (int i = 0; i < clientCount; i++) {
            clients.add(new BenchClient(i, i / this.groupSize, i % this.groupSize));
        }
    }

    int sizeOf(int group) {
        return Math.min(groupSize, clients.size() - group * groupSize);
    }

    BenchClient member(int group, int position) {
        return clients.get(group * groupSize + position);
    }

    /** The sender of message {@code n} of the schedule: groups take turns, members within a group too. */
    BenchClient senderOf(long n) {
        int group = (int) (n % groups);
        int position = (int) ((n / groups) % sizeOf(group));
        return member(group, position);
    }
}
