package dev.originedge.cache;

import java.util.ArrayList;
import java.util.List;

/**
 * Entity-tags (RFC 9110 §8.8.3) as {@code ETag}, {@code If-Match}, {@code If-None-Match} carry them:
 * {@code "x"} strong, {@code W/"x"} weak, a list of them (commas inside quotes are part of a tag), or
 * {@code *}. An unquoted tag (an origin or client that forgot the quotes) is read as a strong tag of that text;
 * nothing throws.
 */
final class EntityTags {

    /** One tag; {@code opaque} without its quotes. */
    record Tag(String opaque, boolean weak) {

        /** RFC 9110 §8.8.3.2 weak comparison: the same opaque tag, either weak or strong. */
        boolean weakMatch(Tag other) {
            return opaque.equals(other.opaque);
        }

        /** Strong comparison: both strong and the same. */
        boolean strongMatch(Tag other) {
            return !weak && !other.weak && opaque.equals(other.opaque);
        }
    }

    /** A field's tags; {@code any} for {@code *}. */
    record Tags(boolean any, List<Tag> tags) {
    }

    private EntityTags() {
    }

    /** The representation's own {@code ETag}: the first tag of its first line, or null. */
    static Tag etag(List<String> lines) {
        Tags list = list(lines.isEmpty() ? List.of() : lines.subList(0, 1));
        return list.tags().isEmpty() ? null : list.tags().get(0);
    }

    static Tags list(List<String> lines) {
        boolean any = false;
        List<Tag> tags = new ArrayList<>();
        for (String line : lines) {
            int i = 0;
            int n = line.length();
            while (i < n) {
                char c = line.charAt(i);
                if (c == ' ' || c == '\t' || c == ',') {
                    i++;
                    continue;
                }
                boolean weak = line.startsWith("W/\"", i);
                if (weak || c == '"') {
                    int open = i + (weak ? 2 : 0);
                    int close = line.indexOf('"', open + 1);
                    if (close < 0) {
                        break; // an unterminated tag matches nothing
                    }
                    tags.add(new Tag(line.substring(open + 1, close), weak));
                    i = close + 1;
                } else {
                    int comma = line.indexOf(',', i);
                    int end = comma < 0 ? n : comma;
                    String bare = line.substring(i, end).strip();
                    if (bare.equals("*")) {
                        any = true;
                    } else {
                        tags.add(new Tag(bare, false));
                    }
                    i = end;
                }
            }
        }
        return new Tags(any, tags);
    }
}
