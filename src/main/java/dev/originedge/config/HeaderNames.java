package dev.originedge.config;

/** Checks header names that come from configuration: what {@code edge.response.add-headers} and edge-auth set. */
public final class HeaderNames {

    private HeaderNames() {
    }

    /** An HTTP field name: an RFC 9110 token. */
    public static boolean isToken(String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                    || "!#$%&'*+-.^_`|~".indexOf(c) >= 0)) {
                return false;
            }
        }
        return true;
    }
}
