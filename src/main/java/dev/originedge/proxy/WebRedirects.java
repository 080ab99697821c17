package dev.originedge.proxy;

import java.util.Locale;

import dev.originedge.origin.Origin;
import io.vertx.core.MultiMap;

/**
 * A web origin's redirect names its own host when it writes an absolute {@code Location}
 * ({@code https://app.herokuapp.com/login}); followed as is, it would take clients around the edge. Such a
 * Location becomes the path alone, which the client resolves against the edge. A path the app writes includes
 * its own {@code path-prefix} ({@code /shop/x} for an app under {@code /shop}), which the edge adds again on the
 * way in: it is taken off, so that the client comes back as {@code /x}. Locations elsewhere (a sign-in provider)
 * stay as they are.
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
        String path = ownPath(origin, location);
        return path == null ? location : withoutPrefix(origin.pathPrefix(), path);
    }

    /** The path (and query) of a Location that names the app itself; null for any other. */
    private static String ownPath(Origin origin, String location) {
        if (location.startsWith("/") && !location.startsWith("//")) {
            return location;
        }
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
        return null;
    }

    /** {@code /shop/x} -> {@code /x} under {@code /shop}; a path outside the prefix stays as it is. */
    private static String withoutPrefix(String prefix, String path) {
        if (prefix.isEmpty() || !path.startsWith(prefix)) {
            return path;
        }
        String rest = path.substring(prefix.length());
        if (rest.isEmpty()) {
            return "/";
        }
        char next = rest.charAt(0);
        if (next == '/' && !rest.startsWith("//")) {
            return rest;
        }
        return next == '?' || next == '#' ? "/" + rest : path;
    }
}
