package dev.originedge.pop;

/** A request named a POP that is not a 3-letter code. */
public class InvalidPopException extends IllegalArgumentException {
    public InvalidPopException(String message) {
        super(message);
    }
}
