package dev.originedge.proxy;

/**
 * The one budget of a client request up to its response head ({@code edge.exchange-timeout}): every origin
 * attempt and site step draws on it, so that failover and a missing page's extra requests cannot add up to
 * several {@code edge.origin-timeout}s.
 */
record Deadline(long atNanos) {

    static Deadline after(long budgetNanos) {
        return new Deadline(System.nanoTime() + budgetNanos);
    }

    /** What is left, in whole milliseconds; 0 or less once it is spent. */
    long remainingMillis() {
        return (atNanos - System.nanoTime()) / 1_000_000;
    }
}
