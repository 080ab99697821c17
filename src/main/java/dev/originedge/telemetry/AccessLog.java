package dev.originedge.telemetry;

import java.time.Instant;
import java.util.function.Consumer;
import java.util.logging.Level;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logmanager.ExtLogRecord;
import org.jboss.logmanager.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * One line per proxied request through its own logger category, {@code dev.originedge.access} (on at INFO;
 * switch it off or route it with ordinary Quarkus log settings). The path only, never the query string (which
 * can carry tokens), and no request header at all: no credential, signature or cookie can reach it.
 * <p>
 * The event loop never writes: it queues the request's summary ({@link AccessLogWriter}) and the writer thread
 * formats and logs it, so a slow log output cannot stall connections. Up to {@value #CAPACITY} lines wait; past
 * that a line is dropped and counted ({@code edge_access_log_dropped_total}). On shutdown the queue is written.
 */
@ApplicationScoped
public class AccessLog {

    static final Logger LOG = Logger.getLogger("dev.originedge.access");
    /** 200 ms of lines at 20k requests/s; ~1 MB of typical lines (a path can be up to 4 KiB: ~17 MB at worst). */
    static final int CAPACITY = 4096;

    final AccessLogWriter<Entry> writer;

    @Inject
    public AccessLog(MeterRegistry registry) {
        this(registry, CAPACITY, AccessLog::write);
    }

    AccessLog(MeterRegistry registry, int capacity, Consumer<Entry> sink) {
        // A Counter, not a FunctionCounter: that one holds its object weakly, and a registry that outlives this
        // bean (the global composite across app restarts in one JVM) kept the first, dead one and showed nothing.
        Counter dropped = Counter.builder("edge.access.log.dropped")
                .description("Access-log lines dropped because the log output did not keep up")
                .register(registry);
        writer = new AccessLogWriter<>("access-log-writer", capacity, sink, dropped::increment);
    }

    public void finished(ExchangeSummary s) {
        if (!LOG.isLoggable(Level.INFO)) {
            return; // an access log set to OFF costs this check only
        }
        Thread loop = Thread.currentThread();
        writer.offer(new Entry(s, System.currentTimeMillis(), loop.getName(), loop.getId()));
    }

    @PreDestroy
    void close() throws InterruptedException {
        writer.close();
    }

    /** A finished request, with when and on which thread it finished: the log record says so, not the writer's. */
    record Entry(ExchangeSummary summary, long epochMillis, String threadName, long threadId) {
    }

    /** On the writer thread: the same record a Logger.info() on the event loop would have made, then logged. */
    static void write(Entry e) {
        ExtLogRecord record = new ExtLogRecord(org.jboss.logmanager.Level.INFO, line(e.summary()),
                ExtLogRecord.FormatStyle.NO_FORMAT, AccessLog.class.getName());
        record.setInstant(Instant.ofEpochMilli(e.epochMillis()));
        record.setThreadName(e.threadName());
        record.setLongThreadID(e.threadId());
        LOG.logRaw(record);
    }

    /**
     * Built with a plain StringBuilder: String.format would cost more than the rest of the line's work together.
     */
    static String line(ExchangeSummary s) {
        StringBuilder line = new StringBuilder(160)
                .append(s.method()).append(' ').append(s.path())
                .append(" pop=").append(s.pop())
                .append(" origin=").append(s.origin())
                .append(" status=").append(s.status())
                .append(" bytes=").append(s.bytes())
                .append(" duration_ms=");
        millis(line, s.durationNanos());
        line.append(" ttfb_ms=");
        if (s.ttfbNanos() < 0) {
            line.append('-');
        } else {
            millis(line, s.ttfbNanos());
        }
        line.append(" attempts=").append(s.attempts())
                .append(" client_abort=").append(s.clientAbort() ? "yes" : "no");
        if (s.cache() != null) {
            line.append(" cache=").append(s.cache());
        }
        if (s.originAbort()) {
            line.append(" origin_abort=yes");
        }
        return line.toString();
    }

    /** Milliseconds with one decimal, rounded half up (what %.1f printed). */
    static void millis(StringBuilder line, long nanos) {
        long tenths = (nanos + 50_000) / 100_000;
        line.append(tenths / 10).append('.').append(tenths % 10);
    }
}
