package dev.originedge.response;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A glob, compiled once at start-up. For request paths: {@code *} matches within one segment, {@code **} across
 * segments, {@code ?} one character of a segment, {@code [abc]}, {@code [a-z]} and {@code [!abc]} one of (or none
 * of) those characters, {@code {css,js}} one of the alternatives. For header names the same syntax, without case.
 * A glob with nothing special in it is an exact match, one ending in a single {@code *} a prefix match: the
 * common cases never run a regular expression.
 */
public final class Glob {

    private final String text;
    private final String exact;
    private final String prefix;
    private final Pattern pattern;

    private Glob(String text, String exact, String prefix, Pattern pattern) {
        this.text = text;
        this.exact = exact;
        this.prefix = prefix;
        this.pattern = pattern;
    }

    /** A glob on request paths; it must start with {@code /}. */
    public static Glob path(String glob) {
        if (!glob.startsWith("/")) {
            throw new IllegalArgumentException("'" + glob + "' must start with /");
        }
        return compile(glob, false);
    }

    /** A glob on header names, case-insensitive; only header-name characters and {@code * ? [ ] { } ,}. */
    public static Glob header(String glob) {
        String lower = glob.strip().toLowerCase(Locale.ROOT);
        if (lower.isEmpty()) {
            throw new IllegalArgumentException("an empty header pattern");
        }
        for (int i = 0; i < lower.length(); i++) {
            char c = lower.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || "!#$%&'*+-.^_`|~?[]{},".indexOf(c) >= 0)) {
                throw new IllegalArgumentException("'" + glob + "' is not a header name pattern");
            }
        }
        return compile(lower, true);
    }

    private static Glob compile(String glob, boolean header) {
        int special = firstSpecial(glob);
        if (special < 0) {
            return new Glob(glob, glob, null, null);
        }
        if (header && special == glob.length() - 1 && glob.charAt(special) == '*') {
            return new Glob(glob, null, glob.substring(0, special), null); // x-amz-*
        }
        StringBuilder regex = new StringBuilder();
        String any = header ? "." : "[^/]";
        boolean inAlternatives = false;
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            switch (c) {
                case '*' -> {
                    int stars = 1;
                    while (i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
                        stars++;
                        i++;
                    }
                    if (stars > 2) {
                        throw new IllegalArgumentException("'" + glob + "' has " + stars + " stars in a row");
                    }
                    regex.append(stars == 2 || header ? ".*" : any + "*");
                }
                case '?' -> regex.append(any);
                case '[' -> {
                    int close = glob.indexOf(']', i + 2); // "[]...]": a ']' right after '[' is a member
                    if (close < 0) {
                        throw new IllegalArgumentException("'" + glob + "' has a [ without its ]");
                    }
                    String members = glob.substring(i + 1, close);
                    boolean negated = members.startsWith("!");
                    if (negated) {
                        members = members.substring(1);
                    }
                    if (members.isEmpty()) {
                        throw new IllegalArgumentException("'" + glob + "' has an empty [ ]");
                    }
                    regex.append(negated ? "[^" : "[");
                    for (char m : members.toCharArray()) {
                        regex.append(m == '-' || Character.isLetterOrDigit(m) ? String.valueOf(m) : "\\" + m);
                    }
                    if (negated && !header) {
                        regex.append('/');
                    }
                    regex.append(']');
                    i = close;
                }
                case ']' -> throw new IllegalArgumentException("'" + glob + "' has a ] without its [");
                case '{' -> {
                    if (inAlternatives) {
                        throw new IllegalArgumentException("'" + glob + "' nests { }");
                    }
                    inAlternatives = true;
                    regex.append("(?:");
                }
                case '}' -> {
                    if (!inAlternatives) {
                        throw new IllegalArgumentException("'" + glob + "' has a } without its {");
                    }
                    inAlternatives = false;
                    regex.append(')');
                }
                case ',' -> regex.append(inAlternatives ? "|" : ",");
                default -> regex.append(Character.isLetterOrDigit(c) ? String.valueOf(c)
                        : Pattern.quote(String.valueOf(c)));
            }
        }
        if (inAlternatives) {
            throw new IllegalArgumentException("'" + glob + "' has a { without its }");
        }
        return new Glob(glob, null, null, Pattern.compile(regex.toString(), Pattern.DOTALL));
    }

    private static int firstSpecial(String glob) {
        for (int i = 0; i < glob.length(); i++) {
            if ("*?[]{}".indexOf(glob.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }

    /** For header globs the name must already be lower case (as header names are compared). */
    public boolean matches(String value) {
        if (exact != null) {
            return exact.equals(value);
        }
        if (prefix != null) {
            return value.startsWith(prefix);
        }
        return pattern.matcher(value).matches();
    }

    @Override
    public String toString() {
        return text;
    }
}
