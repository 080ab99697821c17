package dev.originedge.proxy;

import java.util.Locale;

import dev.originedge.origin.Origin;
import io.vertx.core.MultiMap;

/**
 * A web origin's redirect names its own host when it writes an absolute {@code Location}
 * ({@code https://app.herokuapp.com/login}); followed as is, it would take clients around the edge. Such a
 * Location becomes the path alone, which the client resolves against the edge. Locations elsewhere (a sign-in
 * provider) stay as they are.
 */
final class WebRedirects {

    private WebRedirects() {
    }

    static void keepAtEdge(Origin origin, MultiMap headers) {
        String location = headers.get("location");
        if (location != null) {
            headers.set("Location", atEdge(origin, location));
        }
    }

    static String atEdge(Origin origin, String location) {
        String lower = location.toLowerCase(Locale.ROOT);
        for (String form : new String[] { "https://", "http://", "//" }) {
            String start = form + origin.hostHeader().toLowerCase(Locale.ROOT);
            if (lower.startsWith(start)) {
                String rest = location.substring(start.length());
                if (rest.isEmpty()) {
                    return "/";
                }
                char next = rest.charAt(0);
                if (next == '/' && !rest.startsWith("//")) {
                    return rest;
                }
                if (next == '?' || next == '#') {
                    return "/" + rest;
                }
            }
        }
        return location;
    }
}
