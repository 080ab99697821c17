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

    private TestSite() {
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
