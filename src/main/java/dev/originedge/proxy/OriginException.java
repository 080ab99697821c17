package dev.originedge.proxy;

import dev.originedge.origin.OriginRequest;

/** An origin gave no response. Messages are safe to show to clients: no host, path or credential. */
public class OriginException extends RuntimeException {

    /** Why; each kind has the status a client gets when no other origin answers either. */
    public enum Kind {
        /** No connection: refused, black-holed past edge.connect-timeout, DNS or TLS failure. */
        UNREACHABLE(502),
        /** Connected, but the connection closed before a response began (often a stale keep-alive one). */
        CLOSED(502),
        /** No response headers within edge.origin-timeout. */
        TIMED_OUT(504),
        /** Every pooled connection to this origin is busy and the wait queue is full. */
        BUSY(503),
        /** edge.exchange-timeout was spent before this origin could be asked. */
        OUT_OF_TIME(504);

        final int status;

        Kind(int status) {
            this.status = status;
        }
    }

    private final Kind kind;

    OriginException(Kind kind, OriginRequest request, Throwable cause) {
        super(message(kind, request.origin().name()), cause, false, false);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    public int status() {
        return kind.status;
    }

    private static String message(Kind kind, String origin) {
        return switch (kind) {
            case UNREACHABLE -> "Origin " + origin + " is unreachable";
            case CLOSED -> "Origin " + origin + " closed the connection";
            case TIMED_OUT -> "Origin " + origin + " did not answer in time";
            case BUSY -> "Origin " + origin + " is busy: too many requests waiting for a connection";
            case OUT_OF_TIME -> "No origin answered in time";
        };
    }
}
