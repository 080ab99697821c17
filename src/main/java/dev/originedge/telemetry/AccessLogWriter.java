package dev.originedge.telemetry;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

import org.jboss.logging.Logger;

/**
 * A bounded hand-over from the event loops to one daemon thread that writes: {@link #offer} only queues (no lock,
 * no wake-up, never a wait), and the writer takes everything queued every {@value #BUSY_PERIOD_MS} ms. So a slow
 * output (a stdout pipe nobody reads) delays lines instead of connections, and a busy server pays no context
 * switch per line, which is what an asynchronous log handler, signalled per record, cost. When {@code capacity}
 * items wait, further ones are dropped and counted, with a WARN at most every {@value #WARN_EVERY_S} s.
 */
final class AccessLogWriter<T> {

    /** The period while items come: at ~20k lines/s per loop, ~200 wait between two wake-ups. */
    static final long BUSY_PERIOD_MS = 10;
    /** After a wake-up that found nothing: fewer wake-ups when idle; a burst wakes the writer early (offer). */
    static final long IDLE_PERIOD_MS = 50;
    static final long WARN_EVERY_S = 10;
    /** How long close() waits for the queue to be written (an output that blocks for good must not hang exit). */
    static final long CLOSE_WAIT_MS = 5_000;

    private static final Logger LOG = Logger.getLogger(AccessLogWriter.class);

    // Lock-free on both sides: a lock (ArrayBlockingQueue) held by a preempted writer would park the event loop.
    private final Queue<T> queue = new ConcurrentLinkedQueue<>();
    /** Items in the queue (ConcurrentLinkedQueue.size() walks it), checked against the bound before adding. */
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicLong dropped = new AtomicLong();
    private final int capacity;
    private final Consumer<T> sink;
    /** Told of every drop too (the metric): a counter the registry holds, not a function of this object. */
    private final Runnable onDrop;
    private final Thread thread;
    private volatile boolean closed;
    /** Writer thread only: what the last WARN reported, and when. */
    private long droppedWarned;
    private long warnedAt = System.nanoTime() - TimeUnit.SECONDS.toNanos(WARN_EVERY_S);

    AccessLogWriter(String threadName, int capacity, Consumer<T> sink, Runnable onDrop) {
        this.capacity = capacity;
        this.sink = sink;
        this.onDrop = onDrop;
        this.thread = new Thread(this::run, threadName);
        thread.setDaemon(true);
        thread.start();
    }

    /** Queues an item for the writer; false (and counted) when {@code capacity} items already wait. */
    boolean offer(T item) {
        int n = queued.incrementAndGet();
        if (n > capacity) {
            queued.decrementAndGet();
            dropped.incrementAndGet();
            onDrop.run();
            return false;
        }
        queue.offer(item);
        if (n == capacity / 2) {
            LockSupport.unpark(thread); // filling faster than one period drains: write now, not at the next wake-up
        }
        return true;
    }

    long dropped() {
        return dropped.get();
    }

    Thread thread() {
        return thread;
    }

    /** Writes what is queued and stops the writer (waits at most {@value #CLOSE_WAIT_MS} ms). */
    void close() throws InterruptedException {
        closed = true;
        LockSupport.unpark(thread);
        thread.join(CLOSE_WAIT_MS);
    }

    private void run() {
        while (true) {
            boolean last = closed; // read before draining: whatever was queued before close() is written
            boolean wrote = drain();
            warnOfDrops();
            if (last) {
                return;
            }
            LockSupport.parkNanos(this, TimeUnit.MILLISECONDS.toNanos(wrote ? BUSY_PERIOD_MS : IDLE_PERIOD_MS));
            Thread.interrupted(); // nothing stops the writer but close(); a set flag would make every park return
        }
    }

    private boolean drain() {
        boolean any = false;
        for (T item; (item = queue.poll()) != null;) {
            queued.decrementAndGet();
            any = true;
            try {
                sink.accept(item);
            } catch (RuntimeException e) {
                dropped.incrementAndGet(); // the writer goes on: a failing output must not end the access log
                onDrop.run();
            }
        }
        return any;
    }

    private void warnOfDrops() {
        long total = dropped.get();
        long now = System.nanoTime();
        if (total > droppedWarned && now - warnedAt >= TimeUnit.SECONDS.toNanos(WARN_EVERY_S)) {
            LOG.warnf("Access log: %d lines dropped since %s: the log output does not keep up (at most %d lines wait;"
                    + " edge_access_log_dropped_total counts them all)", total - droppedWarned,
                    droppedWarned == 0 ? "start" : "the last report " + (now - warnedAt) / 1_000_000_000L + " s ago",
                    capacity);
            droppedWarned = total;
            warnedAt = now;
        }
    }
}
