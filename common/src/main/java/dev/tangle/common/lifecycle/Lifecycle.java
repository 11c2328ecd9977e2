package dev.tangle.common.lifecycle;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Ordered shutdown. Parts register a stop step as they start; {@link #stop()} marks the service not ready, then
 * runs the steps in reverse order (stop intake, close sockets with 1001, drain NATS, close the pool), each
 * failure logged and skipped. A watchdog halts the process if the whole stop takes longer than the timeout.
 */
public final class Lifecycle {

    private static final System.Logger LOG = System.getLogger(Lifecycle.class.getName());

    private final String service;
    private final Duration timeout;
    private final Deque<Step> steps = new ArrayDeque<>();
    private final AtomicBoolean stopping = new AtomicBoolean();

    public Lifecycle(String service, Duration timeout) {
        this.service = service;
        this.timeout = timeout;
    }

    /** A stop step, run after every step registered later. */
    public synchronized void onStop(String name, AutoCloseable step) {
        steps.push(new Step(name, step));
    }

    public boolean stopping() {
        return stopping.get();
    }

    /** Runs {@link #stop()} when the JVM receives SIGTERM or SIGINT. */
    public void stopOnSignal() {
        Runtime.getRuntime().addShutdownHook(new Thread(this::stop, service + "-shutdown"));
    }

    /** Stops everything once; later calls return at once. */
    public void stop() {
        if (!stopping.compareAndSet(false, true)) {
            return;
        }
        Thread watchdog = Thread.ofPlatform().daemon().name(service + "-shutdown-watchdog").start(() -> {
            try {
                Thread.sleep(timeout);
                LOG.log(Level.ERROR, service + " did not stop within " + timeout + "; halting");
                Runtime.getRuntime().halt(1);
            } catch (InterruptedException done) {
                // stopped in time
            }
        });
        LOG.log(Level.INFO, "Stopping " + service);
        while (true) {
            Step step;
            synchronized (this) {
                step = steps.poll();
            }
            if (step == null) {
                break;
            }
            try {
                step.action().close();
            } catch (Exception e) {
                LOG.log(Level.WARNING, "Stop step '" + step.name() + "' of " + service + " failed", e);
            }
        }
        watchdog.interrupt();
        LOG.log(Level.INFO, service + " stopped");
    }

    private record Step(String name, AutoCloseable action) {
    }
}
