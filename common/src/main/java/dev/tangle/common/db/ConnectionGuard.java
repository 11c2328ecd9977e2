package dev.tangle.common.db;

import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Knows whether PostgreSQL is reachable, so requests fail fast while it is not and the pool recovers as soon as it
 * is back. The first connection failure opens the guard: {@link #check()} then refuses at once (instead of every
 * request waiting out the acquisition timeout) and a virtual thread probes PostgreSQL with a plain connection every
 * {@link #PROBE_INTERVAL}. When a probe connects, the guard closes and the pool's connection adders are woken:
 * HikariCP backs off up to 5 s between failed connection attempts, which alone delayed recovery by that much.
 */
final class ConnectionGuard implements ThreadFactory {

    static final Duration PROBE_INTERVAL = Duration.ofMillis(100);
    private static final System.Logger LOG = System.getLogger(ConnectionGuard.class.getName());

    private final String url;
    private final Properties probeProperties = new Properties();
    private final Set<Thread> poolThreads = ConcurrentHashMap.newKeySet();
    private final AtomicInteger threadNumber = new AtomicInteger();
    private final String poolName;
    private volatile boolean down;
    private volatile boolean closed;
    private Thread prober;

    ConnectionGuard(String url, String user, String password, String poolName, Duration connectTimeout) {
        this.url = url;
        this.poolName = poolName;
        probeProperties.setProperty("user", user);
        probeProperties.setProperty("password", password);
        String seconds = Long.toString(Math.max(1, connectTimeout.toSeconds()));
        probeProperties.setProperty("connectTimeout", seconds);
        probeProperties.setProperty("loginTimeout", seconds);
        probeProperties.setProperty("socketTimeout", seconds);
    }

    /** Whether PostgreSQL is known to be unreachable. */
    boolean down() {
        return down;
    }

    /** Throws at once while PostgreSQL is known unreachable. */
    void check() throws SQLException {
        if (down) {
            throw new java.sql.SQLTransientConnectionException("PostgreSQL is unreachable", "08001");
        }
    }

    /** Looks at a failure; a connection failure opens the guard and starts probing. */
    void observe(Throwable failure) {
        if (!closed && DbFailures.isConnectionFailure(failure)) {
            open(failure);
        }
    }

    private synchronized void open(Throwable failure) {
        if (down || closed) {
            return;
        }
        down = true;
        LOG.log(Level.WARNING, "PostgreSQL unreachable (" + failure.getMessage() + "); refusing requests until it answers");
        prober = Thread.ofVirtual().name(poolName + "-probe").start(this::probe);
    }

    private void probe() {
        while (!closed) {
            try (Connection c = DriverManager.getConnection(url, probeProperties)) {
                if (c.isValid(1)) {
                    break;
                }
            } catch (SQLException e) {
                // still away
            }
            try {
                Thread.sleep(PROBE_INTERVAL);
            } catch (InterruptedException e) {
                return;
            }
        }
        wakeConnectionAdders();
        down = false;
        LOG.log(Level.INFO, "PostgreSQL answers again");
    }

    /** Ends the back-off sleep of HikariCP's connection adders; the next borrow starts a fresh one. */
    private void wakeConnectionAdders() {
        for (Thread thread : poolThreads) {
            for (StackTraceElement frame : thread.getStackTrace()) {
                if (frame.getClassName().endsWith("PoolEntryCreator")) {
                    thread.interrupt();
                    break;
                }
            }
        }
    }

    /** HikariCP's threads (housekeeping, connection adder and closer), remembered so adders can be woken. */
    @Override
    public Thread newThread(Runnable task) {
        Thread thread = new Thread(() -> {
            try {
                task.run();
            } finally {
                poolThreads.remove(Thread.currentThread());
            }
        }, poolName + "-" + threadNumber.incrementAndGet());
        thread.setDaemon(true);
        poolThreads.add(thread);
        return thread;
    }

    void close() {
        closed = true;
        Thread p;
        synchronized (this) {
            p = prober;
        }
        if (p != null) {
            p.interrupt();
        }
    }
}
