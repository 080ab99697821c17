package dev.originedge.cache;

import java.util.List;

/** What a response's {@code Vary} says a stored copy depends on, in the terms the cache can key on. */
enum Vary {
    /** No {@code Vary}, or an empty one: one copy for every request. */
    NOTHING,
    /** Only {@code Accept-Encoding} (once or more): one copy per normalised {@code Accept-Encoding}. */
    ACCEPT_ENCODING,
    /** {@code *}: no later request can be matched (RFC 9111 §4.1). */
    ANY,
    /** Another request header: not keyed on here, so not stored. */
    OTHER;

    static Vary of(List<String> lines) {
        Vary vary = NOTHING;
        for (String line : lines) {
            for (String name : line.split(",")) {
                String n = name.strip();
                if (n.equals("*")) {
                    return ANY;
                }
                if (n.equalsIgnoreCase("accept-encoding")) {
                    vary = vary == NOTHING ? ACCEPT_ENCODING : vary;
                } else if (!n.isEmpty()) {
                    vary = OTHER; // keep reading: a later "*" is the stronger reason
                }
            }
        }
        return vary;
    }
}
