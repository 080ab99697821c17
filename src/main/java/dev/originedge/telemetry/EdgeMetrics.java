package dev.originedge.telemetry;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The proxy's own metrics (Micrometer, scraped at {@code /q/metrics}): they cover every proxied request, so the
 * HTTP server's per-route metrics stay off. Labels are bounded: origins are configured names, the POP label is a
 * catalog POP or {@code other}, statuses are classes; never a path.
 */
@ApplicationScoped
public class EdgeMetrics {

    private final MeterRegistry registry;
    private final Set<String> catalogPops;
    /** Meters by their labels, built on first use: the request path only looks them up. */
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();

    @Inject
    public EdgeMetrics(MeterRegistry registry) {
        this(registry, dev.originedge.pop.PopCatalog.bundled().keySet());
    }

    public EdgeMetrics(MeterRegistry registry, Set<String> catalogPops) {
        this.registry = registry;
        this.catalogPops = catalogPops;
    }

    public void finished(ExchangeSummary s) {
        String pop = catalogPops.contains(s.pop()) ? s.pop() : "other";
        counter("edge.requests", "origin", s.origin(), "status", s.status() / 100 + "xx", "pop", pop).increment();
        timer("edge.request.duration", "Proxied requests, start to end of the response", s.origin())
                .record(s.durationNanos(), TimeUnit.NANOSECONDS);
        if (s.ttfbNanos() >= 0) {
            timer("edge.origin.ttfb", "Time to the origin's response headers", s.origin())
                    .record(s.ttfbNanos(), TimeUnit.NANOSECONDS);
        }
        if (s.bytes() > 0) {
            counter("edge.bytes.sent", "origin", s.origin()).increment(s.bytes());
        }
        if (s.clientAbort()) {
            counter("edge.client.aborts", "origin", s.origin()).increment();
        }
        if (s.originAbort()) {
            counter("edge.origin.aborts", "origin", s.origin()).increment();
        }
    }

    public void failover(String from, String to) {
        counter("edge.failovers", "from", from, "to", to).increment();
    }

    public void ejected(String origin) {
        counter("edge.ejections", "origin", origin).increment();
    }

    private Counter counter(String name, String... tags) {
        return counters.computeIfAbsent(name + String.join(",", tags), k -> registry.counter(name, tags));
    }

    private Timer timer(String name, String description, String origin) {
        return timers.computeIfAbsent(name + "," + origin, k -> Timer.builder(name).description(description)
                .tag("origin", origin)
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofSeconds(60))
                .register(registry));
    }
}
