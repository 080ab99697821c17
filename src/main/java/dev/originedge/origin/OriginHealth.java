package dev.originedge.origin;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import dev.originedge.config.EdgeConfig;
import dev.originedge.telemetry.EdgeMetrics;

/**
 * Passive health from live traffic (outlier ejection): after {@code consecutive-failures} failures in a row an
 * origin is skipped for {@code ejection-time}; when it fails again on its first request after that, for twice
 * as long (capped at {@code max-ejection-time}). One success clears it. Skipping only reorders: when every
 * origin of a request's list is ejected, they are all tried anyway, in order.
 */
@ApplicationScoped
public class OriginHealth {

    private static final Logger LOG = Logger.getLogger(OriginHealth.class);

    private final int threshold;
    private final Duration baseEjection;
    private final Duration maxEjection;
    private final Clock clock;
    private final Consumer<String> ejections;
    private final Map<String, Tracker> trackers = new ConcurrentHashMap<>();

    @Inject
    public OriginHealth(EdgeConfig config, Origins origins, EdgeMetrics metrics) {
        this(config.health(), origins, Clock.systemUTC(), metrics::ejected);
    }

    public OriginHealth(EdgeConfig.HealthConfig config, Origins origins, Clock clock) {
        this(config, origins, clock, name -> {
        });
    }

    public OriginHealth(EdgeConfig.HealthConfig config, Origins origins, Clock clock, Consumer<String> ejections) {
        this.ejections = ejections;
        this.threshold = config.consecutiveFailures();
        this.baseEjection = config.ejectionTime();
        this.maxEjection = config.maxEjectionTime();
        this.clock = clock;
        origins.all().keySet().forEach(name -> trackers.put(name, new Tracker()));
    }

    public void succeeded(Origin origin) {
        Tracker t = tracker(origin);
        if (t.clean) {
            return; // the usual case, without a lock
        }
        synchronized (t) {
            if (t.lastEjection != null) {
                LOG.infof("Origin %s answers again: no longer ejected", origin.name());
            }
            t.failures = 0;
            t.lastEjection = null;
            t.ejectedUntil = Instant.MIN;
            t.clean = true;
        }
    }

    /** A connect failure, a timeout, a 5xx or a body the origin broke off. */
    public void failed(Origin origin) {
        Tracker t = tracker(origin);
        Instant now = clock.instant();
        synchronized (t) {
            t.clean = false;
            t.failures++;
            if (now.isBefore(t.ejectedUntil)) {
                return; // already ejected: requests that were under way when it happened
            }
            boolean probationFailed = t.lastEjection != null; // ejected before, and failed again right away
            if (t.failures >= threshold || probationFailed) {
                Duration next = probationFailed ? min(t.lastEjection.multipliedBy(2), maxEjection) : baseEjection;
                t.lastEjection = next;
                t.ejectedUntil = now.plus(next);
                t.failures = 0;
                LOG.warnf("Origin %s ejected for %ds after repeated failures: requests go to the next origin",
                        origin.name(), next.toSeconds());
                ejections.accept(origin.name());
            }
        }
    }

    public boolean ejected(Origin origin) {
        Instant until = tracker(origin).ejectedUntil;
        return until != Instant.MIN && clock.instant().isBefore(until);
    }

    /** The list with ejected origins moved to its end, each part in its own order; the same list if none is. */
    public List<Origin> usableFirst(List<Origin> origins) {
        int firstEjected = -1;
        for (int i = 0; i < origins.size() && firstEjected < 0; i++) {
            if (ejected(origins.get(i))) {
                firstEjected = i;
            }
        }
        if (firstEjected < 0) {
            return origins;
        }
        List<Origin> usable = new ArrayList<>(origins.size());
        List<Origin> skipped = new ArrayList<>(origins.size());
        for (Origin origin : origins) {
            (ejected(origin) ? skipped : usable).add(origin);
        }
        usable.addAll(skipped);
        return usable;
    }

    /** Whether any configured origin is not ejected. */
    public boolean anyUsable() {
        Instant now = clock.instant();
        return trackers.values().stream().anyMatch(t -> {
            synchronized (t) {
                return !now.isBefore(t.ejectedUntil);
            }
        });
    }

    /** Each origin's state for readiness: {@code healthy} or {@code ejected until <instant>}. */
    public Map<String, String> states() {
        Instant now = clock.instant();
        Map<String, String> states = new TreeMap<>();
        trackers.forEach((name, t) -> {
            synchronized (t) {
                states.put(name, now.isBefore(t.ejectedUntil) ? "ejected until " + t.ejectedUntil : "healthy");
            }
        });
        return states;
    }

    private Tracker tracker(Origin origin) {
        return trackers.computeIfAbsent(origin.name(), name -> new Tracker());
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /** Written under its own lock; {@code clean} and {@code ejectedUntil} are also read without it. */
    private static final class Tracker {
        volatile boolean clean = true;
        int failures;
        volatile Instant ejectedUntil = Instant.MIN;
        /** Length of the last ejection while the origin has not succeeded since; null when it has. */
        Duration lastEjection;
    }
}
