package dev.originedge.origin;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import dev.originedge.config.EdgeConfig;

/**
 * {@code edge.selection=fastest}: a moving average of each origin's time to first byte, measured on real
 * traffic, puts a clearly faster origin first. The POP map is the starting order and the tie-breaker: a POP
 * leaves its nearest origin only for one at least {@value #LEAVE_RATIO}x as fast (and {@value #LEAVE_MARGIN_MS} ms
 * faster), and returns as soon as the nearest is about as fast again (hysteresis, so that noise does not flip
 * it). A small share of requests goes to another origin first so that every figure stays current.
 */
@ApplicationScoped
public class LatencyRanking {

    private static final Logger LOG = Logger.getLogger(LatencyRanking.class);
    /** Weight of a new sample in the moving average (the first ones are a plain mean: no single cold sample rules). */
    static final double ALPHA = 0.2;
    /** Samples an origin needs before a figure may move traffic. */
    static final int MIN_SAMPLES = 5;
    /** Leave the current origin for one that takes at most this share of its time... */
    static final double LEAVE_RATIO = 0.7;
    /** ...and at least this much less, so that sub-millisecond noise never decides. */
    static final double LEAVE_MARGIN_MS = 10;
    /** Return to a nearer origin once it is no slower than this factor of the current one. */
    static final double RETURN_RATIO = 1.1;
    /** ...or no more than this much slower (a millisecond or two is noise, not distance). */
    static final double RETURN_SLACK_MS = 2;

    private final boolean enabled;
    private final double exploreRatio;
    private final DoubleSupplier random;
    private final Map<String, Average> averages = new ConcurrentHashMap<>();
    /** Per preference list: the origin that currently goes first. */
    private final Map<List<Origin>, Origin> leaders = new ConcurrentHashMap<>();

    @Inject
    public LatencyRanking(EdgeConfig config) {
        this(config.selection() == EdgeConfig.Selection.FASTEST, config.fastest().exploreRatio(),
                () -> ThreadLocalRandom.current().nextDouble());
    }

    public LatencyRanking(boolean enabled, double exploreRatio, DoubleSupplier random) {
        this.enabled = enabled;
        this.exploreRatio = exploreRatio;
        this.random = random;
    }

    /** Time to first byte of one answer (or the timeout it ran into). */
    public void record(Origin origin, long nanos) {
        if (enabled) {
            averages.computeIfAbsent(origin.name(), n -> new Average()).add(nanos / 1e6);
        }
    }

    /** The moving average in milliseconds, or NaN while it has fewer than {@link #MIN_SAMPLES} samples. */
    public double averageMillis(Origin origin) {
        Average a = averages.get(origin.name());
        return a == null ? Double.NaN : a.get();
    }

    /** The preference list reordered for this request; unchanged when the selection is the POP map. */
    public List<Origin> order(List<Origin> preference) {
        if (!enabled || preference.size() < 2) {
            return preference;
        }
        Origin leader = leaders.compute(preference, (list, current) -> nextLeader(list, current));
        Origin first = leader;
        if (random.getAsDouble() < exploreRatio) {
            // Exploration: another origin goes first so that its figure reflects today, not its last outage.
            List<Origin> others = new ArrayList<>(preference);
            others.remove(leader);
            first = others.get((int) (random.getAsDouble() * others.size()) % others.size());
        }
        if (first == preference.get(0)) {
            return preference;
        }
        List<Origin> order = new ArrayList<>(preference.size());
        order.add(first);
        for (Origin origin : preference) {
            if (origin != first) {
                order.add(origin);
            }
        }
        return order;
    }

    private Origin nextLeader(List<Origin> preference, Origin current) {
        Origin leader = current == null ? preference.get(0) : current;
        double leaderMs = averageMillis(leader);
        if (Double.isNaN(leaderMs)) {
            return leader;
        }
        // Return to a nearer origin that is about as fast again.
        for (Origin origin : preference) {
            if (origin == leader) {
                break;
            }
            double ms = averageMillis(origin);
            if (!Double.isNaN(ms) && ms <= leaderMs * RETURN_RATIO + RETURN_SLACK_MS) {
                return switched(preference, leader, origin, leaderMs, ms);
            }
        }
        // Leave for a clearly faster one.
        Origin best = leader;
        double bestMs = leaderMs;
        for (Origin origin : preference) {
            double ms = averageMillis(origin);
            if (!Double.isNaN(ms) && ms < bestMs && ms <= leaderMs * LEAVE_RATIO && ms <= leaderMs - LEAVE_MARGIN_MS) {
                best = origin;
                bestMs = ms;
            }
        }
        return best == leader ? leader : switched(preference, leader, best, leaderMs, bestMs);
    }

    private static Origin switched(List<Origin> preference, Origin from, Origin to, double fromMs, double toMs) {
        LOG.infof("Fastest origin for %s: %s (%.1f ms to first byte) instead of %s (%.1f ms)",
                preference.stream().map(Origin::name).toList(), to.name(), toMs, from.name(), fromMs);
        return to;
    }

    /** An exponentially weighted moving average, updated from any event loop. */
    private static final class Average {
        private double value;
        private long count;

        synchronized void add(double sample) {
            count++;
            value += Math.max(ALPHA, 1.0 / count) * (sample - value);
        }

        synchronized double get() {
            return count < MIN_SAMPLES ? Double.NaN : value;
        }
    }
}
