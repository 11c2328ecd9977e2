package dev.tangle.socket.session;

/** A token bucket: {@code burst} frames at once, refilled at {@code perSecond}. Thread-safe. */
final class RateLimiter {

    private final double burst;
    private final double perNano;
    private double tokens;
    private long lastNanos = System.nanoTime();

    RateLimiter(int burst, int perSecond) {
        this.burst = burst;
        this.perNano = perSecond / 1e9;
        this.tokens = burst;
    }

    synchronized boolean tryAcquire() {
        long now = System.nanoTime();
        tokens = Math.min(burst, tokens + (now - lastNanos) * perNano);
        lastNanos = now;
        if (tokens < 1) {
            return false;
        }
        tokens--;
        return true;
    }
}
