package dev.originedge.proxy;

import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import dev.originedge.config.EdgeConfig;
import dev.originedge.origin.LatencyRanking;
import dev.originedge.origin.Origin;
import dev.originedge.origin.OriginHealth;
import dev.originedge.origin.OriginRequest;
import dev.originedge.telemetry.EdgeMetrics;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpClientResponse;

/**
 * Asks a request's origins in order until one gives an answer worth passing on. The next origin is tried when
 * the connection fails, no response headers arrive in time, the origin is busy, or the status is one of
 * {@code edge.failover.statuses}; a connection that closes before the response begins (a pooled keep-alive
 * connection the origin just closed) is retried once on the same origin first. Every outcome feeds passive
 * health, answers worth serving feed the latency ranking, and trouble goes to the rate-limited error log. No
 * attempt starts once the request's {@link Deadline} is spent, and none waits past it. Never touches the client
 * response: the result is an {@link AttemptOutcome}.
 */
@ApplicationScoped
public class OriginAttempts {

    private static final Logger LOG = Logger.getLogger(OriginAttempts.class);

    private final OriginClient client;
    private final OriginHealth health;
    private final LatencyRanking ranking;
    private final OriginErrorLog errors;
    private final EdgeMetrics metrics;
    private final Drain drain;
    private final Set<Integer> failoverStatuses;
    private final long originTimeoutMs;

    @Inject
    public OriginAttempts(OriginClient client, OriginHealth health, LatencyRanking ranking, OriginErrorLog errors,
            EdgeMetrics metrics, Drain drain, EdgeConfig config) {
        this.client = client;
        this.health = health;
        this.ranking = ranking;
        this.errors = errors;
        this.metrics = metrics;
        this.drain = drain;
        this.failoverStatuses = Set.copyOf(config.failover().statuses());
        this.originTimeoutMs = config.originTimeout().toMillis();
    }

    /**
     * The object from each origin in turn.
     *
     * @param build the request for one origin; null when there is nothing to ask it for
     */
    InFlight fetch(List<Origin> origins, Function<Origin, OriginRequest> build, Deadline deadline,
            ExchangeRecord record, Consumer<AttemptOutcome> done) {
        return new Fetch(origins, build, deadline, record, done);
    }

    /**
     * One request to one origin, without failover (the site's extra requests), retried once on a pooled
     * connection the origin just closed. Not counted as an attempt of the object.
     */
    InFlight single(OriginRequest request, Deadline deadline, Handler<AsyncResult<HttpClientResponse>> done) {
        return new Single(request, deadline, done);
    }

    /** A body broke off after its head went to the client: that origin failed. */
    void bodyBroke(OriginRequest request, long bytes, Throwable cause) {
        health.failed(request.origin());
        errors.failure(request.origin().name(), "broken body", "Origin " + request.origin().name()
                + " broke off a body after " + bytes + " bytes (" + cause + "): the client connection was closed");
    }

    /** A bucket answered with a redirect: its endpoint or region is wrong. */
    void misconfigured(OriginRequest request, HttpClientResponse response) {
        drain.discard(response);
        String name = request.origin().name();
        errors.failure(name, "redirect", "Origin " + name + " answered " + response.statusCode()
                + ": check edge.origins." + name + ".endpoint and region");
    }

    private final class Fetch implements InFlight {
        private final List<Origin> origins;
        private final Function<Origin, OriginRequest> build;
        private final Deadline deadline;
        private final ExchangeRecord record;
        private final Consumer<AttemptOutcome> done;
        private int index;
        private boolean retried;
        private OriginRequest request;
        private long sentAt;
        private Runnable pending;
        private boolean cancelled;
        /** The last real answer that was passed over, for when no later origin does better. */
        private AttemptOutcome.PassedOver lastAnswer;

        Fetch(List<Origin> origins, Function<Origin, OriginRequest> build, Deadline deadline, ExchangeRecord record,
                Consumer<AttemptOutcome> done) {
            this.origins = origins;
            this.build = build;
            this.deadline = deadline;
            this.record = record;
            this.done = done;
        }

        @Override
        public void start() {
            attempt();
        }

        private void attempt() {
            Origin origin = origins.get(index);
            request = build.apply(origin);
            if (request == null) {
                done.accept(new AttemptOutcome.NothingToAsk(origin));
                return;
            }
            long left = deadline.remainingMillis();
            if (left <= 0) {
                errors.failure(origin.name(), "out of time", "edge.exchange-timeout was spent before origin "
                        + origin.name() + " could be asked");
                without(new OriginException(OriginException.Kind.OUT_OF_TIME, request, null));
                return;
            }
            record.attempted();
            sentAt = System.nanoTime();
            pending = client.send(request, Math.min(originTimeoutMs, left), this::answered);
        }

        private void answered(AsyncResult<HttpClientResponse> result) {
            pending = null;
            if (cancelled) {
                return;
            }
            if (result.failed()) {
                failed((OriginException) result.cause());
                return;
            }
            HttpClientResponse response = result.result();
            Origin origin = request.origin();
            int status = response.statusCode();
            record.answered();
            if (AnswerPolicy.worthServing(origin.provider(), status)) {
                // Instant 404s from an empty replica must not make it look fast.
                ranking.record(origin, System.nanoTime() - sentAt);
            }
            if (status >= 500) {
                health.failed(origin);
            } else {
                health.succeeded(origin);
            }
            if (status >= 400) {
                errors.errorStatus(response, request); // reads S3's error code, logs, drains
            }
            if (failoverStatuses.contains(status) && index + 1 < origins.size()) {
                LOG.debugf("Origin %s answered %d: trying %s", origin.name(), status, origins.get(index + 1).name());
                lastAnswer = new AttemptOutcome.PassedOver(status,
                        MultiMap.caseInsensitiveMultiMap().addAll(response.headers()), request);
                next();
                return;
            }
            done.accept(new AttemptOutcome.Answered(request, response));
        }

        private void failed(OriginException e) {
            Origin origin = request.origin();
            if (e.kind() == OriginException.Kind.CLOSED && !retried) {
                retried = true;
                LOG.debugf("Origin %s closed a connection before answering: retrying once", origin.name());
                attempt();
                return;
            }
            if (e.kind() != OriginException.Kind.BUSY) {
                health.failed(origin);
            }
            if (e.kind() == OriginException.Kind.TIMED_OUT) {
                ranking.record(origin, originTimeoutMs * 1_000_000);
            }
            errors.failure(origin.name(), e.kind().name(),
                    e.getMessage() + (e.getCause() == null ? "" : " (" + e.getCause() + ")"));
            if (index + 1 < origins.size()) {
                next();
            } else {
                without(e);
            }
        }

        /** No origin is left to ask. */
        private void without(OriginException e) {
            if (lastAnswer != null) {
                done.accept(lastAnswer);
            } else {
                record.unanswered();
                done.accept(new AttemptOutcome.Unreachable(e));
            }
        }

        private void next() {
            metrics.failover(origins.get(index).name(), origins.get(index + 1).name());
            index++;
            retried = false;
            attempt();
        }

        @Override
        public void cancel() {
            cancelled = true;
            if (pending != null) {
                pending.run();
                pending = null;
                LOG.debugf("Client went away before origin %s answered", request.origin().name());
            }
        }
    }

    private final class Single implements InFlight {
        private final OriginRequest request;
        private final Deadline deadline;
        private final Handler<AsyncResult<HttpClientResponse>> done;
        private boolean retried;
        private Runnable pending;
        private boolean cancelled;

        Single(OriginRequest request, Deadline deadline, Handler<AsyncResult<HttpClientResponse>> done) {
            this.request = request;
            this.deadline = deadline;
            this.done = done;
        }

        @Override
        public void start() {
            long left = deadline.remainingMillis();
            if (left <= 0) {
                done.handle(Future.failedFuture(new OriginException(OriginException.Kind.OUT_OF_TIME, request, null)));
                return;
            }
            pending = client.send(request, Math.min(originTimeoutMs, left), this::answered);
        }

        private void answered(AsyncResult<HttpClientResponse> result) {
            pending = null;
            if (cancelled) {
                return;
            }
            if (result.failed() && ((OriginException) result.cause()).kind() == OriginException.Kind.CLOSED
                    && !retried) {
                retried = true; // a pooled connection the origin just closed: once more
                start();
                return;
            }
            done.handle(result);
        }

        @Override
        public void cancel() {
            cancelled = true;
            if (pending != null) {
                pending.run();
                pending = null;
            }
        }
    }
}
