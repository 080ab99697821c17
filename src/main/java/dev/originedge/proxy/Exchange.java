package dev.originedge.proxy;

import java.util.List;

import dev.originedge.origin.Origin;
import dev.originedge.origin.OriginRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;

/**
 * One client request's way from its origins to its answer, on the client connection's event loop: the origin
 * attempts ({@link OriginAttempts}), what their outcome means ({@link AnswerPolicy}), the site's answers to an
 * error ({@link SiteAnswers}), the response ({@link ClientResponses}), and its record ({@link ExchangeRecord}).
 * It holds what is in flight, so that a client that goes away cancels it.
 */
final class Exchange implements BodyStream.Outcome {

    private final Exchanges parts;
    private final HttpServerRequest incoming;
    private final String pop;
    private final KeyPath key;
    private final List<Origin> origins;
    private final Deadline deadline;
    private final ExchangeRecord record;
    private InFlight inFlight;
    private BodyStream body;
    private OriginRequest streamed;
    private boolean clientGone;

    Exchange(Exchanges parts, HttpServerRequest incoming, String pop, KeyPath key, List<Origin> origins,
            Deadline deadline, ExchangeRecord record) {
        this.parts = parts;
        this.incoming = incoming;
        this.pop = pop;
        this.key = key;
        this.origins = origins;
        this.deadline = deadline;
        this.record = record;
    }

    void start() {
        HttpServerResponse client = incoming.response();
        client.closeHandler(ignored -> clientGone());
        client.exceptionHandler(ignored -> clientGone());
        inFlight(parts.attempts.fetch(origins, origin -> parts.requests.object(origin, incoming.method().name(), key,
                incoming.headers(), incoming.query(), pop), deadline, record, this::fetched));
    }

    private void fetched(AttemptOutcome outcome) {
        inFlight = null;
        if (outcome instanceof AttemptOutcome.Answered answered) {
            answered(answered.request(), answered.response());
        } else if (outcome instanceof AttemptOutcome.PassedOver passed) {
            // Every later origin failed: a real answer tells the client (and the operator) more than a 502.
            parts.site.answer(this, new PendingError(passed.status(), passed.headers(), passed.request(),
                    passed.request().origin(), reason(passed.status())));
        } else if (outcome instanceof AttemptOutcome.Unreachable unreachable) {
            parts.site.answer(this, new PendingError(unreachable.failure().status(), null, null, null,
                    unreachable.failure().getMessage())); // an inline page at most
        } else if (outcome instanceof AttemptOutcome.NothingToAsk nothing) {
            parts.site.answer(this, new PendingError(404, null, null, nothing.origin(), reason(404)));
        }
    }

    private void answered(OriginRequest request, HttpClientResponse response) {
        int status = response.statusCode();
        switch (AnswerPolicy.of(request.origin().provider(), status)) {
            case STREAM -> parts.responses.object(this, request, response, status);
            case WEB_REDIRECT -> parts.responses.webRedirect(this, request, response, status);
            case MISCONFIGURED -> {
                parts.attempts.misconfigured(request, response);
                parts.site.answer(this, new PendingError(502, null, request, null,
                        "Origin " + request.origin().name() + " is misconfigured"));
            }
            case ERROR -> parts.site.answer(this, new PendingError(status, response.headers(), request,
                    request.origin(), reason(status))); // the body is being drained
        }
    }

    /** Starts origin work that a client going away must cancel; null: nothing is in flight any more. */
    void inFlight(InFlight work) {
        inFlight = work;
        if (work != null) {
            work.start();
        }
    }

    /** The answer's body starts to flow. */
    void streaming(OriginRequest request, BodyStream stream) {
        streamed = request;
        body = stream;
        stream.start();
    }

    private void clientGone() {
        if (clientGone) {
            return;
        }
        clientGone = true;
        if (body != null) {
            body.clientGone();
        } else if (inFlight != null) {
            inFlight.cancel();
            inFlight = null;
            finish(ExchangeRecord.CLIENT_CLOSED_REQUEST, "none", true, false);
        }
    }

    void finish(int status, String origin, boolean clientAbort, boolean originAbort) {
        record.finish(status, origin, clientAbort, originAbort);
    }

    @Override
    public void completed() {
        finish(client().getStatusCode(), streamed.origin().name(), false, false);
    }

    @Override
    public void originBroke(long bytes, Throwable cause, boolean clientStalled) {
        if (clientStalled) {
            parts.log.debugf("Client stopped reading for edge.idle-timeout after %d bytes: connection reset", bytes);
            finish(client().getStatusCode(), streamed.origin().name(), true, false);
            return;
        }
        parts.attempts.bodyBroke(streamed, bytes, cause);
        finish(client().getStatusCode(), streamed.origin().name(), false, true);
    }

    @Override
    public void clientLeft() {
        finish(client().getStatusCode(), streamed.origin().name(), true, false);
    }

    HttpServerRequest incoming() {
        return incoming;
    }

    HttpServerResponse client() {
        return incoming.response();
    }

    KeyPath key() {
        return key;
    }

    String pop() {
        return pop;
    }

    Deadline deadline() {
        return deadline;
    }

    private static String reason(int status) {
        return HttpResponseStatus.valueOf(status).reasonPhrase();
    }
}
