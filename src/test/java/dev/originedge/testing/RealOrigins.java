package dev.originedge.testing;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.originedge.demo.S3Origin;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Starts the real origins the proxy is tested against and hands their addresses to the app as configuration:
 * <ul>
 * <li>{@code us} and {@code eu}: S3Proxy, path-style, SigV4 on, each with its own credentials and content;</li>
 * <li>{@code vh}: S3Proxy in virtual-host mode under {@code objects.example.test}, reached via connect-to
 * (the name does not resolve: only connect-to can reach it);</li>
 * <li>{@code tls}: S3Proxy over HTTPS with a certificate for {@code s3.tls.example.test}, trusted through
 * {@code javax.net.ssl.trustStore}, reached via connect-to (POP ZZS); {@code tlswrongname} is the same server
 * under a name its certificate does not hold (POP ZZN);</li>
 * <li>{@code wrongkey} (the us origin with a wrong secret), {@code down} (refuses connections) and
 * {@code slow} (accepts, never answers), reached through POPs ZZW, ZZD and ZZT;</li>
 * <li>{@code badkey} (POP ZZO, like wrongkey) and {@code gone} (POP ZZE, like down), each asked by one test only
 * (OperationsTest, NoSecretsTest), which waits for that origin's WARN: origin trouble is logged once per origin
 * and kind in 10 s, so another test's request to a shared origin could have used up the line;</li>
 * <li>static sites: every region's copy holds a small website ({@link #seedSite}); {@code private} is the us
 * origin as a private bucket that answers 403 for a missing key (POP ZZL, {@link PrivateBucket}), {@code public}
 * an S3Proxy that anyone may read, not signed, with its own copy and no error page objects (POP ZZP).</li>
 * </ul>
 */
public class RealOrigins implements QuarkusTestResourceLifecycleManager {

    public static final String US_KEY = "US-ACCESS-KEY-ID";
    public static final String US_SECRET = "us-secret-Zq8wX1";
    public static final String EU_KEY = "EU-ACCESS-KEY-ID";
    public static final String EU_SECRET = "eu-secret-Pk3rT7";
    public static final String VH_KEY = "VH-ACCESS-KEY-ID";
    public static final String VH_SECRET = "vh-secret-Lm5nB2";
    public static final String WRONG_SECRET = "wrong-secret-Hh4jJ9";
    public static final String VH_HOST = "objects.example.test";
    public static final String TLS_HOST = "s3.tls.example.test";
    public static final String TLS_KEY = "TLS-ACCESS-KEY-ID";
    public static final String TLS_SECRET = "tls-secret-Qw9eR4";
    public static final List<String> SECRETS = List.of(US_SECRET, EU_SECRET, VH_SECRET, WRONG_SECRET, TLS_SECRET);

    /** Ports, for tests that check what the proxy sends where. */
    public static int usPort;
    public static int euPort;
    /** The public (unsigned) S3 origin of POP ZZP. */
    public static int publicPort;
    public static Canary canary;
    /** Raw-socket origins for faults S3Proxy never produces (POP ZZF; ZZU and friends answer 503). */
    public static FaultOrigin faults;
    /** A relay in front of the "us" S3Proxy that tests slow down, kill and revive (origin "relayed"). */
    public static Relay relay;

    /** The test profile's class name, if the tests run under one. */
    private String profile;

    private S3Origin us;
    private S3Origin eu;
    private S3Origin vh;
    private S3Origin tls;
    private S3Origin open;
    private PrivateBucket privateBucket;
    private Canary slow;
    private Redirector redirector;
    private FaultOrigin unavailable;
    /** An empty replica: an instant 404 for every key (POP ZZJ, behind "relayed"). */
    private FaultOrigin empty;
    private BlackHole blackHole;

    @Override
    public void setContext(Context context) {
        profile = context.testProfile();
    }

    @Override
    public Map<String, String> start() {
        try {
            // Each app start logs afresh (tests read the log back from a mark: LogLines), so it stays small.
            java.nio.file.Files.deleteIfExists(java.nio.file.Path.of("target", "quarkus-test.log"));
            us = seed(new S3Origin(0, US_KEY, US_SECRET, null).start(), "us");
            eu = seed(new S3Origin(0, EU_KEY, EU_SECRET, null).start(), "eu");
            open = S3Origin.anonymous(0).start();
            open.bucket(TestSite.BUCKET).put(TestSite.BUCKET, "hello.txt", TestSite.hello("public").getBytes(),
                    "text/plain");
            for (String dir : List.of("docs", "with space")) {
                open.put(TestSite.BUCKET, dir + "/index.html",
                        TestSite.directoryIndex("public", dir).getBytes(StandardCharsets.UTF_8), "text/html");
            }
            privateBucket = new PrivateBucket(us.port());
            us.put(TestSite.BUCKET, TestSite.BIG_KEY, TestSite.big(), "application/octet-stream");
            us.bucket(TestSite.PRIVATE_BUCKET).put(TestSite.PRIVATE_BUCKET, TestSite.PRIVATE_KEY,
                    TestSite.PRIVATE_CONTENT.getBytes(), "text/plain");
            vh = new S3Origin(0, VH_KEY, VH_SECRET, VH_HOST).start();
            vh.bucket(TestSite.VH_BUCKET).put(TestSite.VH_BUCKET, "hello.txt", TestSite.hello("vh").getBytes(),
                    "text/plain");
            TestCertificates certificates = TestCertificates.shared(); // names TLS_HOST, not wrong-name
            tls = new S3Origin(0, TLS_KEY, TLS_SECRET, null, certificates.keyStore().toString(),
                    certificates.password()).start();
            tls.bucket(TestSite.BUCKET).put(TestSite.BUCKET, "hello.txt", TestSite.hello("tls").getBytes(),
                    "text/plain");
            slow = new Canary();
            redirector = new Redirector();
            canary = new Canary();
            faults = new FaultOrigin();
            unavailable = new FaultOrigin("status-503");
            empty = new FaultOrigin("status-404");
            blackHole = new BlackHole();
            relay = new Relay(us.port());
            usPort = us.port();
            euPort = eu.port();
            publicPort = open.port();

            Map<String, String> config = new HashMap<>();
            origin(config, "us", "http://127.0.0.1:" + us.port(), TestSite.BUCKET, "path");
            credentials(config, "us", "us-west-004", US_KEY, US_SECRET);
            origin(config, "eu", "http://127.0.0.1:" + eu.port(), TestSite.BUCKET, "path");
            credentials(config, "eu", "eu-central-003", EU_KEY, EU_SECRET);
            origin(config, "vh", "http://" + VH_HOST, TestSite.VH_BUCKET, "virtual-host");
            credentials(config, "vh", "vh-region-1", VH_KEY, VH_SECRET);
            config.put("edge.origins.vh.connect-to", "127.0.0.1:" + vh.port());
            origin(config, "wrongkey", "http://127.0.0.1:" + us.port(), TestSite.BUCKET, "path");
            credentials(config, "wrongkey", "us-west-004", US_KEY, WRONG_SECRET);
            origin(config, "down", "http://127.0.0.1:" + Canary.closedPort(), TestSite.BUCKET, "path");
            origin(config, "gone", "http://127.0.0.1:" + Canary.closedPort(), TestSite.BUCKET, "path");
            origin(config, "badkey", "http://127.0.0.1:" + us.port(), TestSite.BUCKET, "path");
            credentials(config, "badkey", "us-west-004", US_KEY, WRONG_SECRET);
            origin(config, "slow", "http://127.0.0.1:" + slow.port(), TestSite.BUCKET, "path");
            origin(config, "tls", "https://" + TLS_HOST + ":8443", TestSite.BUCKET, "path");
            credentials(config, "tls", "tls-region-1", TLS_KEY, TLS_SECRET);
            config.put("edge.origins.tls.connect-to", "127.0.0.1:" + tls.securePort());
            origin(config, "tlswrongname", "https://wrong-name.example.test:8443", TestSite.BUCKET, "path");
            credentials(config, "tlswrongname", "tls-region-1", TLS_KEY, TLS_SECRET);
            config.put("edge.origins.tlswrongname.connect-to", "127.0.0.1:" + tls.securePort());
            // The JDK's standard trust store setting: the app trusts the test origin's certificate only.
            // In @QuarkusTest the app shares this JVM; a packaged app gets it as -D on its command line.
            trustStore(config, "javax.net.ssl.trustStore", certificates.trustStore().toString());
            trustStore(config, "javax.net.ssl.trustStorePassword", certificates.password());
            trustStore(config, "javax.net.ssl.trustStoreType", "PKCS12");
            config.put("edge.pops.ZZS", "tls");
            config.put("edge.pops.ZZN", "tlswrongname");
            origin(config, "redirecting", "http://127.0.0.1:" + redirector.port(), TestSite.BUCKET, "path");
            config.put("edge.pops.ZZR", "redirecting");
            config.put("edge.pops.ZZV", "vh");
            config.put("edge.pops.ZZW", "wrongkey");
            config.put("edge.pops.ZZD", "down");
            config.put("edge.pops.ZZE", "gone");
            config.put("edge.pops.ZZO", "badkey");
            config.put("edge.pops.ZZT", "slow");
            // Failover: each POP's list starts with an origin that fails in its own way.
            origin(config, "faulty", "http://127.0.0.1:" + faults.port(), TestSite.BUCKET, "path");
            origin(config, "unavailable", "http://127.0.0.1:" + unavailable.port(), TestSite.BUCKET, "path");
            origin(config, "blackhole", "http://127.0.0.1:" + blackHole.port(), TestSite.BUCKET, "path");
            origin(config, "relayed", "http://127.0.0.1:" + relay.port(), TestSite.BUCKET, "path");
            credentials(config, "relayed", "us-west-004", US_KEY, US_SECRET);
            config.put("edge.pops.ZZF", "faulty");
            config.put("edge.pops.ZZA", "down,eu");
            config.put("edge.pops.ZZB", "slow,eu");
            config.put("edge.pops.ZZH", "blackhole");
            config.put("edge.pops.ZZI", "blackhole,eu");
            config.put("edge.pops.ZZU", "unavailable,eu");
            config.put("edge.pops.ZZX", "unavailable");
            config.put("edge.pops.ZZY", "unavailable,down");
            config.put("edge.pops.ZZK", "relayed,eu");
            origin(config, "empty", "http://127.0.0.1:" + empty.port(), TestSite.BUCKET, "path");
            config.put("edge.pops.ZZJ", "relayed,empty");
            // Two origins that time out (2 s to first byte, 1 s to connect) ahead of a good one: a whole exchange
            // takes about 3 s to reach eu (BoundedExchangeTest shortens its budget below that).
            config.put("edge.pops.ZZQ", "slow,blackhole,eu");
            origin(config, "public", "http://127.0.0.1:" + open.port(), TestSite.BUCKET, "path");
            config.put("edge.pops.ZZP", "public");
            origin(config, "private", "http://127.0.0.1:" + privateBucket.port(), TestSite.BUCKET, "path");
            credentials(config, "private", "us-west-004", US_KEY, US_SECRET);
            config.put("edge.pops.ZZL", "private");
            config.put("edge.pop.header", "X-Edge-Pop");
            // The suites choose POPs with ?pop=; a packaged app under test runs in the prod profile, where it is off.
            config.put("edge.pop.query-param-enabled", "true");
            config.put("edge.connect-timeout", "1s");
            config.put("edge.origin-timeout", "2s");
            config.put("edge.idle-timeout", "2s");
            // Short ejections, so that a test that ejects an origin does not change what the next one sees.
            config.put("edge.health.ejection-time", "1s");
            config.put("edge.health.max-ejection-time", "2s");
            return withoutWhatTheProfileSets(config);
        } catch (Exception e) {
            throw new IllegalStateException("Could not start the test origins", e);
        }
    }

    /**
     * The suite's settings, less those the test profile sets itself: a profile's value must win. In @QuarkusTest it
     * does anyway; a packaged app under test gets both as -D options, and there this map's values would win.
     */
    private Map<String, String> withoutWhatTheProfileSets(Map<String, String> config) throws Exception {
        if (profile == null || profile.isEmpty()) {
            return config;
        }
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        Class<?> type = Class.forName(profile, true, loader != null ? loader : RealOrigins.class.getClassLoader());
        // Reflection: the profile may come from another class loader than this class sees QuarkusTestProfile in.
        // A packaged-app test may name a wrapper without a no-argument constructor: then nothing can be removed.
        java.lang.reflect.Constructor<?> constructor;
        try {
            constructor = type.getDeclaredConstructor();
        } catch (NoSuchMethodException e) {
            return config;
        }
        Map<?, ?> overrides = (Map<?, ?>) type.getMethod("getConfigOverrides").invoke(constructor.newInstance());
        config.keySet().removeAll(overrides.keySet());
        return config;
    }

    private static void trustStore(Map<String, String> config, String property, String value) {
        System.setProperty(property, value);
        config.put(property, value);
    }

    private static S3Origin seed(S3Origin origin, String region) {
        origin.bucket(TestSite.BUCKET)
                .put(TestSite.BUCKET, "hello.txt", TestSite.hello(region).getBytes(), "text/plain; charset=UTF-8")
                .put(TestSite.BUCKET, "index.html", ("<h1>" + region + "</h1>\n").getBytes(), "text/html");
        for (String key : TestSite.AWKWARD_KEYS) {
            origin.put(TestSite.BUCKET, key, TestSite.awkwardContent(region, key), "text/plain");
        }
        return seedSite(origin, region);
    }

    /**
     * A small website: directories with index documents (nested, awkward names, one called {@code v1.2}), an
     * object without extension ({@code page}), error pages, a single-page app's document, assets of
     * several types, objects with their own Cache-Control and with user metadata.
     */
    private static S3Origin seedSite(S3Origin origin, String region) {
        String html = "text/html; charset=utf-8";
        for (String dir : List.of("docs", "docs/guide")) {
            origin.put(TestSite.BUCKET, dir + "/index.html", utf8(TestSite.directoryIndex(region, dir)), html);
        }
        for (String dir : TestSite.AWKWARD_DIRS) {
            origin.put(TestSite.BUCKET, dir + "/index.html", utf8(TestSite.directoryIndex(region, dir)), html);
        }
        origin.put(TestSite.BUCKET, "page", utf8("the object called page (" + region + ")\n"), "text/plain");
        origin.put(TestSite.BUCKET, "404.html", utf8(TestSite.errorPage(region, 404)), html);
        origin.put(TestSite.BUCKET, "403.html", utf8(TestSite.errorPage(region, 403)), html);
        origin.put(TestSite.BUCKET, "app.html", utf8(TestSite.app(region)), html);
        origin.put(TestSite.BUCKET, "assets/app.js", utf8(TestSite.asset(region)), "text/javascript");
        origin.put(TestSite.BUCKET, "img/photo.png", new byte[] { (byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10 },
                "image/png");
        for (String key : List.of("cached.txt", "forced.txt")) {
            origin.put(TestSite.BUCKET, key, utf8(key + " (" + region + ")\n"), "text/plain",
                    TestSite.OBJECT_CACHE_CONTROL, Map.of());
        }
        origin.put(TestSite.BUCKET, "meta.txt", utf8("meta (" + region + ")\n"), "text/plain", null,
                Map.of("owner", TestSite.META_OWNER));
        return origin;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static void origin(Map<String, String> config, String name, String endpoint, String bucket,
            String addressing) {
        config.put("edge.origins." + name + ".endpoint", endpoint);
        config.put("edge.origins." + name + ".bucket", bucket);
        config.put("edge.origins." + name + ".addressing", addressing);
    }

    private static void credentials(Map<String, String> config, String name, String region, String id,
            String secret) {
        config.put("edge.origins." + name + ".region", region);
        config.put("edge.origins." + name + ".access-key-id", id);
        config.put("edge.origins." + name + ".secret-access-key", secret);
    }

    @Override
    public void stop() {
        for (AutoCloseable c : new AutoCloseable[] { us, eu, vh, tls, open, privateBucket, slow, redirector, canary,
                faults, unavailable, empty, blackHole, relay }) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception ignored) {
                // best effort at shutdown
            }
        }
    }
}
