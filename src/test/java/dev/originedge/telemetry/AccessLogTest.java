package dev.originedge.telemetry;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;

import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** The access log never waits for its output: lines are queued, written by one thread, dropped and counted if full. */
class AccessLogTest {

    private static ExchangeSummary summary(String path) {
        return new ExchangeSummary("GET", path, "SJC", "us", 200, 1024, 4_100_000, 3_200_000, 1, false, false, null);
    }

    private static double dropped(SimpleMeterRegistry registry) {
        return registry.get("edge.access.log.dropped").counter().count();
    }

    @Test
    void aBlockedOutputNeverBlocksTheCallerAndCountsWhatDidNotFit() throws Exception {
        CountDownLatch writing = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Queue<String> written = new ConcurrentLinkedQueue<>();
        Consumer<AccessLog.Entry> blockedOutput = entry -> { // a stdout pipe nobody reads
            writing.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            written.add(entry.summary().path());
        };
        Capture warnings = Capture.on(AccessLogWriter.class.getName());
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        AccessLog log = new AccessLog(registry, 100, blockedOutput);
        try {
            log.finished(summary("/first"));
            assertTrue(writing.await(10, TimeUnit.SECONDS), "the writer took the first line");

            // 100 times the bound: every call returns at once (the limit only catches a caller that would hang)
            assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
                for (int i = 0; i < 10_000; i++) {
                    log.finished(summary("/n/" + i));
                }
            });
            assertEquals(10_000 - 100, dropped(registry), "all that did not fit the 100 places");

            release.countDown();
            await().atMost(Duration.ofSeconds(10)).until(() -> written.size() == 101);
            assertEquals("/first", written.peek());
            assertEquals(List.of("/n/0", "/n/99"), List.of(written.stream().skip(1).findFirst().orElseThrow(),
                    written.stream().skip(100).findFirst().orElseThrow()), "the first 100 that came were kept");
            await().atMost(Duration.ofSeconds(10)).until(() -> !warnings.records.isEmpty());
            ExtLogRecord warn = (ExtLogRecord) warnings.records.peek();
            assertEquals(org.jboss.logmanager.Level.WARN, warn.getLevel());
            String message = warn.getFormattedMessage();
            assertTrue(message.contains("9900 lines dropped") && message.contains("edge_access_log_dropped_total"),
                    message);
        } finally {
            release.countDown();
            log.close();
            warnings.close();
        }
    }

    @Test
    void linesArriveCompleteAndInOrderFromSeveralThreads() throws Exception {
        Queue<AccessLog.Entry> written = new ConcurrentLinkedQueue<>();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        AccessLog log = new AccessLog(registry, AccessLog.CAPACITY, written::add);
        try {
            List<Thread> loops = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int loop = t;
                loops.add(new Thread(() -> {
                    for (int i = 0; i < 1000; i++) {
                        log.finished(summary("/loop" + loop + "/" + i));
                    }
                }, "loop-" + t));
            }
            loops.forEach(Thread::start);
            for (Thread t : loops) {
                t.join();
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> written.size() == 4000);
            int[] next = new int[4];
            for (AccessLog.Entry e : written) {
                String[] parts = e.summary().path().split("/");
                int loop = Integer.parseInt(parts[1].substring(4));
                assertEquals(next[loop]++, Integer.parseInt(parts[2]), "each thread's lines in its order");
                assertEquals("loop-" + loop, e.threadName(), "the thread that finished the request");
            }
            assertEquals(0, dropped(registry));
        } finally {
            log.close();
        }
    }

    @Test
    void eachLineIsAnInfoRecordOfTheAccessCategoryWithTheRequestsTimeAndThread() throws Exception {
        Capture access = Capture.on("dev.originedge.access");
        AccessLog log = new AccessLog(new SimpleMeterRegistry());
        try {
            long before = System.currentTimeMillis();
            Thread loop = new Thread(() -> log.finished(new ExchangeSummary("GET", "/a%20b/{0}.txt", "AMS", "eu", 206,
                    5120, 4_149_999, -1, 2, true, true, null)), "vert.x-eventloop-thread-9");
            loop.start();
            loop.join();
            long after = System.currentTimeMillis();
            await().atMost(Duration.ofSeconds(10)).until(() -> !access.records.isEmpty());
            ExtLogRecord record = (ExtLogRecord) access.records.peek();
            assertEquals("GET /a%20b/{0}.txt pop=AMS origin=eu status=206 bytes=5120 duration_ms=4.1 ttfb_ms=-"
                    + " attempts=2 client_abort=yes origin_abort=yes", record.getFormattedMessage());
            assertEquals(Level.INFO, record.getLevel());
            assertEquals("dev.originedge.access", record.getLoggerName());
            assertEquals("vert.x-eventloop-thread-9", record.getThreadName());
            long at = record.getInstant().toEpochMilli();
            assertTrue(at >= before && at <= after, "stamped when the request finished, not when written");
        } finally {
            log.close();
            access.close();
        }
    }

    @Test
    void anAccessLogThatIsOffQueuesNothing() throws Exception {
        org.jboss.logmanager.Logger category = org.jboss.logmanager.Logger.getLogger("dev.originedge.access");
        Level level = category.getLevel();
        Queue<AccessLog.Entry> written = new ConcurrentLinkedQueue<>();
        AccessLog log = new AccessLog(new SimpleMeterRegistry(), 10, written::add);
        category.setLevel(Level.OFF);
        try {
            for (int i = 0; i < 100; i++) {
                log.finished(summary("/off"));
            }
        } finally {
            category.setLevel(level);
            log.close();
        }
        assertTrue(written.isEmpty());
    }

    @Test
    void closingWritesWhatIsQueued() throws Exception {
        Queue<AccessLog.Entry> written = new ConcurrentLinkedQueue<>();
        AccessLog log = new AccessLog(new SimpleMeterRegistry(), AccessLog.CAPACITY, e -> {
            written.add(e);
            if (written.size() % 100 == 0) {
                Thread.yield();
            }
        });
        for (int i = 0; i < 2000; i++) {
            log.finished(summary("/" + i));
        }
        log.close();
        assertEquals(2000, written.size());
    }

    @Test
    void anIdleWriterUsesNoCpuEvenWhenInterrupted() throws Exception {
        AccessLog log = new AccessLog(new SimpleMeterRegistry(), 10, e -> {
        });
        try {
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            Thread writer = log.writer.thread();
            writer.interrupt(); // a parked thread whose interrupt flag stays set would spin
            long cpu0 = threads.getThreadCpuTime(writer.getId());
            Thread.sleep(1000);
            long cpuNanos = threads.getThreadCpuTime(writer.getId()) - cpu0;
            assertTrue(writer.isAlive(), "still writing");
            // a spinning thread would use most of that second; waking a few times costs well under a millisecond
            assertTrue(cpuNanos < 100_000_000L, "the idle writer used " + cpuNanos / 1_000_000 + " ms of CPU in 1 s");
        } finally {
            log.close();
        }
    }

    /** Collects what a logger category publishes (added to the real JBoss LogManager logger, removed at close). */
    static final class Capture extends Handler implements AutoCloseable {
        final Queue<LogRecord> records = new ConcurrentLinkedQueue<>();
        private final org.jboss.logmanager.Logger logger;

        private Capture(String category) {
            logger = org.jboss.logmanager.Logger.getLogger(category);
            logger.addHandler(this);
        }

        static Capture on(String category) {
            return new Capture(category);
        }

        @Override
        public void publish(LogRecord record) {
            records.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
            logger.removeHandler(this);
        }
    }
}
