package dev.originedge.testing;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

/** What the test origins hold. Each region's copy differs, so a response shows which origin answered. */
public final class TestSite {

    public static final String BUCKET = "site";
    public static final String VH_BUCKET = "vhsite";
    /** Another bucket on the "us" origin that no request may ever reach. */
    public static final String PRIVATE_BUCKET = "private";
    public static final String PRIVATE_KEY = "secret.txt";
    public static final String PRIVATE_CONTENT = "TOP SECRET: another bucket\n";

    public static final String BIG_KEY = "big/64MiB.bin";
    public static final int BIG_SIZE = 64 * 1024 * 1024;

    /** Object keys S3 allows that are easy to get wrong when signing or re-encoding. */
    public static final List<String> AWKWARD_KEYS = List.of(
            "with space.txt", "plus+sign.txt", "100%.txt", "(parens).txt", "it's.txt", "k=v.txt",
            "user@host.txt", "tilde~.txt", "bang!.txt", "star*.txt", "dollar$.txt", "amp&.txt", "comma,.txt",
            "semi;.txt", "colon:.txt", "[brackets].txt", "ünïcödé/日本語.txt", "emoji-🚀😀.txt",
            "dots..inside/a..b.txt", "deep/nested/path/file.txt", "all ()'=@~!*$&,;:[]+%.txt", "trailing.dot.");

    /** Directory names whose index documents and redirects must survive re-encoding and signing. */
    public static final List<String> AWKWARD_DIRS = List.of("with space", "plus+dir", "100%", "ünïcödé dir",
            "a=b&c", "emoji-🚀", "v1.2");

    /** The same user metadata on {@code meta.txt} in every region. */
    public static final String META_OWNER = "team-web";
    /** The Cache-Control that {@code cached.txt} and {@code forced.txt} carry as object metadata. */
    public static final String OBJECT_CACHE_CONTROL = "max-age=60";

    private TestSite() {
    }

    /** {@code <dir>/index.html} in a region's copy. */
    public static String directoryIndex(String region, String dir) {
        return "<h1>" + dir + " (" + region + ")</h1>\n";
    }

    /** {@code 404.html} / {@code 403.html} in a region's copy. */
    public static String errorPage(String region, int status) {
        return "<h1>" + region + ": " + status + " page</h1>\n";
    }

    /** The single-page app's document ({@code app.html}). */
    public static String app(String region) {
        return "<!doctype html><div id=app>" + region + " app</div>\n";
    }

    public static String asset(String region) {
        return "console.log('" + region + "');\n";
    }

    public static String hello(String region) {
        return "hello from " + region + "\n";
    }

    public static byte[] awkwardContent(String region, String key) {
        return (region + ":" + key + "\n").getBytes(StandardCharsets.UTF_8);
    }

    /** 64 MiB of repeatable pseudo-random bytes (incompressible, no repeating pattern to hide a slip). */
    public static byte[] big() {
        byte[] bytes = new byte[BIG_SIZE];
        new Random(42).nextBytes(bytes);
        return bytes;
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
