package dev.originedge.proxy;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

import software.amazon.awssdk.utils.http.SdkHttpUtils;

/**
 * The object key named by a request path, and that key encoded the way S3 canonicalises it.
 * <p>
 * The client's path is decoded once ({@code %XX} escapes; {@code +} stays a plus, as in S3 paths) and
 * encoded once again with the AWS SDK's RFC 3986 rules, so the bytes sent are the bytes signed whatever
 * the client escaped. A key that would climb out of the bucket or a web origin's {@code path-prefix} is refused:
 * {@code .} or {@code ..} as a segment, also when escaped, also with a {@code ;parameter} ({@code ..;/}), also
 * between backslashes ({@code ..%5C}); {@code ..} inside a name is just a name.
 *
 * A path that ends in {@code /} names the index document there ({@code edge.site.index-document}, like S3
 * website hosting); with none configured it names a directory, which no request ever asks the bucket for (that
 * would be a bucket listing).
 *
 * @param path    the decoded request path, with its leading slash (what cache rules and the SPA fallback read)
 * @param key     the decoded key, without the leading slash; ends in {@code /} (or is empty) for a directory
 * @param encoded {@code /} followed by the S3-encoded key
 * @param raw     the path exactly as the client sent it (checked like the key): what a web origin gets
 */
public record KeyPath(String path, String key, String encoded, String raw) {

    /** The default index document ({@code edge.site.index-document}). */
    public static final String INDEX_DOCUMENT = "index.html";

    /** With the default index document. */
    public static KeyPath parse(String rawPath) {
        return parse(rawPath, INDEX_DOCUMENT);
    }

    /** @param indexDocument served for a path ending in {@code /}; null: such a path names a directory */
    public static KeyPath parse(String rawPath, String indexDocument) {
        if (rawPath == null || !rawPath.startsWith("/")) {
            throw new BadRequestPathException("The path must start with /");
        }
        String path = decode(rawPath);
        String key = path.substring(1);
        for (String segment : key.split("[/\\\\]", -1)) {
            if (isDotSegment(segment)) {
                throw new BadRequestPathException("The path must not contain . or .. segments");
            }
        }
        if ((key.isEmpty() || key.endsWith("/")) && indexDocument != null) {
            key = key + indexDocument;
        }
        return new KeyPath(path, key, "/" + SdkHttpUtils.urlEncodeIgnoreSlashes(key), rawPath);
    }

    /**
     * {@code .} or {@code ..} once a {@code ;parameter} is removed: Tomcat, Jetty and Spring read {@code ..;x} as
     * {@code ..}. Segments are split on {@code /} and on {@code \} alike (decoded), because web servers on Windows
     * and some frameworks treat a backslash as a separator; a backslash inside a name stays a name.
     */
    private static boolean isDotSegment(String segment) {
        int parameter = segment.indexOf(';');
        String name = parameter < 0 ? segment : segment.substring(0, parameter);
        return name.equals(".") || name.equals("..");
    }

    /** A key named by configuration (an error page, the fallback document): taken as is, never decoded. */
    public static KeyPath ofKey(String key) {
        String encoded = "/" + SdkHttpUtils.urlEncodeIgnoreSlashes(key);
        return new KeyPath("/" + key, key, encoded, encoded);
    }

    /** A path ending in {@code /} without an index document: there is no object to ask for. */
    public boolean directory() {
        return key.isEmpty() || key.endsWith("/");
    }

    /** The index document of this path taken as a directory: {@code docs} -> {@code docs/index.html}. */
    public KeyPath indexBelow(String indexDocument) {
        return ofKey(key + "/" + indexDocument);
    }

    /** Strict percent-decoding to UTF-8. The server hands us the request line's bytes as Latin-1 chars. */
    private static String decode(String raw) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                if (i + 2 >= raw.length()) {
                    throw new BadRequestPathException("The path has an incomplete %-escape");
                }
                int hi = Character.digit(raw.charAt(i + 1), 16);
                int lo = Character.digit(raw.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    throw new BadRequestPathException("The path has an invalid %-escape");
                }
                bytes.write(hi << 4 | lo);
                i += 2;
            } else if (c > 0xFF) {
                throw new BadRequestPathException("The path has characters that are not URL bytes");
            } else {
                bytes.write(c);
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            throw new BadRequestPathException("The path is not valid UTF-8");
        }
    }
}
