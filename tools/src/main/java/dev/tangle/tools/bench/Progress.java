package dev.tangle.tools.bench;

import java.util.function.LongFunction;

/** The live progress line: rewritten in place every second on a terminal, one line per 5 s otherwise. */
final class Progress implements AutoCloseable {

    private final Thread thread;
    private volatile boolean running = true;

    private Progress(LongFunction<String> line) {
        boolean terminal = System.console() != null;
        long start = System.nanoTime();
        thread = Thread.ofPlatform().daemon().name("bench-progress").start(() -> {
            long tick = 0;
            while (running) {
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException e) {
                    return;
                }
                tick++;
                String text = line.apply((System.nanoTime() - start) / 1_000_000_000L);
                if (terminal) {
                    System.out.print("\r" + text + "   ");
                    System.out.flush();
                } else if (tick % 5 == 0) {
                    System.out.println(text);
                }
            }
        });
    }

    static Progress start(LongFunction<String> line) {
        return new Progress(line);
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.interrupt();
        thread.join();
        if (System.console() != null) {
            System.out.println();
        }
    }
}
