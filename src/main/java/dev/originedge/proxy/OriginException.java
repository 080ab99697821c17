package dev.originedge.proxy;

/** The origin could not give a response: unreachable (502) or too slow (504). Messages are safe to show. */
public class OriginException extends RuntimeException {

    private final int status;

    private OriginException(int status, String message, Throwable cause) {
        super(message, cause, false, false);
        this.status = status;
    }

    static OriginException unreachable(OriginRequest request, Throwable cause) {
        return new OriginException(502, "Origin " + request.origin().name() + " is unreachable", cause);
    }

    static OriginException timedOut(OriginRequest request) {
        return new OriginException(504, "Origin " + request.origin().name() + " did not answer in time", null);
    }

    public int status() {
        return status;
    }
}
