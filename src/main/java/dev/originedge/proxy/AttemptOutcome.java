package dev.originedge.proxy;

import dev.originedge.origin.Origin;
import dev.originedge.origin.OriginRequest;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpClientResponse;

/** How the origin attempts of one request ended; none of them has touched the client response. */
sealed interface AttemptOutcome {

    /** An origin answered with something to pass on (the last origin's answer, whatever its status). */
    record Answered(OriginRequest request, HttpClientResponse response) implements AttemptOutcome {
    }

    /**
     * Every later origin failed without an answer: the last real answer that was passed over for failover, its
     * status and headers (its body is gone), tells the client more than a 502.
     */
    record PassedOver(int status, MultiMap headers, OriginRequest request) implements AttemptOutcome {
    }

    /** No origin answered at all (refused, black-holed, timed out, busy, or the budget was spent). */
    record Unreachable(OriginException failure) implements AttemptOutcome {
    }

    /** There is nothing to ask this origin for: a path ending in / without an index document, on a bucket. */
    record NothingToAsk(Origin origin) implements AttemptOutcome {
    }
}
