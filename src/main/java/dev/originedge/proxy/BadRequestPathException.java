package dev.originedge.proxy;

/** The request path is not a safe object key (bad escapes, invalid UTF-8, dot segments). */
public class BadRequestPathException extends IllegalArgumentException {
    public BadRequestPathException(String message) {
        super(message);
    }
}
