package dev.originedge.telemetry;

/**
 * What happened to one proxied request, for the access log and the metrics.
 *
 * @param origin      the origin that answered, or {@code none}
 * @param status      what the client got (for an aborted body: the status that went out before it broke)
 * @param bytes       body bytes written to the client
 * @param ttfbNanos   request start to the origin's response headers; -1 when no origin answered
 * @param attempts    origin requests made (failovers and the stale-connection retry included)
 * @param clientAbort the client went away before the response was complete
 * @param originAbort the origin broke the body off after the headers went out
 */
public record ExchangeSummary(String method, String path, String pop, String origin, int status, long bytes,
        long durationNanos, long ttfbNanos, int attempts, boolean clientAbort, boolean originAbort, String cache) {
}
