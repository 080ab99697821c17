package dev.originedge.telemetry;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.originedge.pop.PopCatalog;
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
    /** Meters built on first use: the request path only looks them up. */
    private final Map<String, OriginMeters> byOrigin = new ConcurrentHashMap<>();
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    @Inject
    public EdgeMetrics(MeterRegistry registry) {
        this(registry, PopCatalog.bundled().keySet());
    }

    public EdgeMetrics(MeterRegistry registry, Set<String> catalogPops) {
        this.registry = registry;
        this.catalogPops = catalogPops;
    }

    public void finished(ExchangeSummary s) {
        OriginMeters meters = byOrigin.computeIfAbsent(s.origin(), OriginMeters::new);
        meters.requests(s.status(), s.pop()).increment();
        meters.duration.record(s.durationNanos(), TimeUnit.NANOSECONDS);
        if (s.ttfbNanos() >= 0) {
            meters.ttfb.record(s.ttfbNanos(), TimeUnit.NANOSECONDS);
        }
        if (s.bytes() > 0) {
            meters.bytes.increment(s.bytes());
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
        return Timer.builder(name).description(description)
                .tag("origin", origin)
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofSeconds(60))
                .register(registry);
    }

    /** One origin's meters, looked up once per request by the origin's name; nothing is built per request. */
    private final class OriginMeters {
        private final String origin;
        private final Timer duration;
        private final Timer ttfb;
        private final Counter bytes;
        /** Request counters by status class (1xx..5xx) and POP label. */
        private final Map<String, Counter>[] requests;

        @SuppressWarnings("unchecked")
        OriginMeters(String origin) {
            this.origin = origin;
            this.duration = timer("edge.request.duration", "Proxied requests, start to end of the response", origin);
            this.ttfb = timer("edge.origin.ttfb", "Time to the origin's response headers", origin);
            this.bytes = registry.counter("edge.bytes.sent", "origin", origin);
            this.requests = new Map[6];
            for (int i = 0; i < requests.length; i++) {
                requests[i] = new ConcurrentHashMap<>();
            }
        }

        Counter requests(int status, String pop) {
            int statusClass = Math.min(5, Math.max(0, status / 100));
            String label = catalogPops.contains(pop) ? pop : "other";
            return requests[statusClass].computeIfAbsent(label, p -> registry.counter("edge.requests",
                    "origin", origin, "status", statusClass + "xx", "pop", p));
        }
    }
}
