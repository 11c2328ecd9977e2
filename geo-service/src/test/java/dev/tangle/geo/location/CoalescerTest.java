package dev.tangle.geo.location;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import dev.tangle.common.test.Await;
import dev.tangle.geo.support.LatLon;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CoalescerTest {

    private static Fix fix(int i, Instant base) {
        return new Fix(new LatLon(1, 1), null, null, base.plusMillis(i));
    }

    @Test
    void aBurstBecomesTheFirstAndTheNewestOnlyWithOneSlotPerSharer() {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        List<Fix> processed = new CopyOnWriteArrayList<>();
        Coalescer coalescer = new Coalescer(Duration.ofSeconds(2), timer, (u, f) -> processed.add(f));
        UUID user = UUID.randomUUID();
        Instant base = Instant.now();
        assertThat(coalescer.offer(user, fix(0, base))).isEqualTo(Coalescer.Outcome.PROCESSING);
        Await.until(Duration.ofSeconds(5), "the first update", () -> processed.size() == 1);
        assertThat(coalescer.offer(user, fix(1, base))).isEqualTo(Coalescer.Outcome.PENDING);
        for (int i = 2; i <= 1000; i++) {
            // replaced the waiting one (pending again only if the machine stalled past the 1 s tolerance)
            assertThat(coalescer.offer(user, fix(i, base))).isIn(Coalescer.Outcome.REPLACED, Coalescer.Outcome.PENDING);
        }
        assertThat(coalescer.offer(user, fix(-5, base))).as("older than the newest processed").isEqualTo(Coalescer.Outcome.DROPPED);
        assertThat(coalescer.offer(user, fix(500, base))).as("older than the one waiting").isEqualTo(Coalescer.Outcome.DROPPED);
        Await.until(Duration.ofSeconds(5), "the pending update", () -> processed.size() == 2);
        assertThat(processed.get(0).at()).isEqualTo(base);
        assertThat(processed.get(1).at()).isEqualTo(base.plusMillis(1000));
        assertThat(coalescer.slots()).isEqualTo(1);
        timer.shutdownNow();
    }

    @Test
    void aSharerIsProcessedOneUpdateAtATimeInOrderAndNeverOnTheCallersThread() throws Exception {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.atomic.AtomicInteger running = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger maxRunning = new java.util.concurrent.atomic.AtomicInteger();
        List<Fix> processed = new CopyOnWriteArrayList<>();
        Thread caller = Thread.currentThread();
        List<Thread> threads = new CopyOnWriteArrayList<>();
        Coalescer coalescer = new Coalescer(Duration.ofMillis(1), timer, (u, f) -> {
            maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
            threads.add(Thread.currentThread());
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            processed.add(f);
            running.decrementAndGet();
        });
        UUID user = UUID.randomUUID();
        Instant base = Instant.now();
        coalescer.offer(user, fix(0, base));
        Await.until(Duration.ofSeconds(5), "the first update running", () -> running.get() == 1);
        Thread.sleep(20); // well past the 1 ms interval: only the running update holds the next back
        for (int i = 1; i <= 50; i++) {
            assertThat(coalescer.offer(user, fix(i, base)).coalesced()).isTrue();
        }
        release.countDown();
        Await.until(Duration.ofSeconds(5), "the newest update", () -> processed.size() == 2);
        assertThat(processed.get(1).at()).isEqualTo(base.plusMillis(50));
        assertThat(maxRunning.get()).isEqualTo(1);
        assertThat(threads).doesNotContain(caller);
        timer.shutdownNow();
    }

    @Test
    void zeroIntervalProcessesEverything() {
        List<Fix> processed = new CopyOnWriteArrayList<>();
        Coalescer coalescer = new Coalescer(Duration.ZERO, null, (u, f) -> processed.add(f));
        Instant base = Instant.now();
        for (int i = 0; i < 10; i++) {
            coalescer.offer(UUID.randomUUID(), fix(i, base));
        }
        assertThat(processed).hasSize(10);
    }
}
