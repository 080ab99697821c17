package dev.originedge.testing;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.originedge.demo.S3Origin;
import dev.originedge.edgeauth.EdgeAuthVerifier;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Origins of every kind, each behind its real name: the proxy connects to {@link RecordingOrigin} through
 * {@code connect-to}, so the Host, TLS server name, path, query and headers it sends are the ones a real
 * provider would get, and are recorded.
 * <ul>
 * <li>Each S3 API preset (s3, b2, gcs, spaces, wasabi, oss, r2): relayed to an S3Proxy of its own (virtual-host
 * mode under the preset's endpoint host, path style for r2) with its own keys, which verifies the signature.</li>
 * <li>b2-native (a public bucket, and a private one with a download token), azure (a SAS token; and a wrong one)
 * and http origins: answered by the recording origin as those services would.</li>
 * </ul>
 * Every origin has a POP of its own ({@link #POPS}), chosen with the {@code X-Edge-Pop} header.
 */
public class PresetOrigins implements QuarkusTestResourceLifecycleManager {

    /** A bucket preset: origin name, POP, provider, the setting its endpoint needs, the Host and path it gets. */
    public record Preset(String name, String pop, String provider, String setting, String value, String host,
            String pathPrefix, String region) {
        public String accessKeyId() {
            return name.toUpperCase() + "-KEY";
        }

        public String secret() {
            return name + "-secret-Vb7";
        }

        public String content() {
            return "object from the " + provider + " stand-in\n";
        }
    }

    public static final List<Preset> PRESETS = List.of(
            new Preset("ps3", "YSA", "s3", "region", "eu-west-1", "assets.s3.eu-west-1.amazonaws.com", "", "eu-west-1"),
            new Preset("pb2", "YBB", "b2", "region", "us-west-004", "assets.s3.us-west-004.backblazeb2.com", "",
                    "us-west-004"),
            new Preset("pgcs", "YGC", "gcs", null, null, "assets.storage.googleapis.com", "", "auto"),
            new Preset("pspaces", "YSP", "spaces", "region", "nyc3", "assets.nyc3.digitaloceanspaces.com", "", "nyc3"),
            new Preset("pwasabi", "YWA", "wasabi", "region", "eu-central-2", "assets.s3.eu-central-2.wasabisys.com", "",
                    "eu-central-2"),
            new Preset("poss", "YOS", "oss", "region", "oss-cn-hangzhou", "assets.oss-cn-hangzhou.aliyuncs.com", "",
                    "oss-cn-hangzhou"),
            new Preset("pr2", "YRT", "r2", "account", "acct123", "acct123.r2.cloudflarestorage.com", "/assets", "auto"));
    public static final String BUCKET = "assets";
    /** The gcs stand-in again, serving the folder {@code site/} of the bucket (POP YGD). */
    public static final String FOLDER_CONTENT = "the site folder's hello\n";

    public static final String B2_HOST = "f003.backblazeb2.com";
    public static final String B2_TOKEN = "4_0031b2download-token-Xy9";
    public static final String AZURE_HOST = "acct123.blob.core.windows.net";
    public static final String AZURE_SAS = "sv=2024-11-04&ss=b&srt=o&sp=r&se=2030-01-01T00:00:00Z&sig=AzSig%2BQ7w%3D";
    public static final String AZURE_WRONG_SAS = "sv=2024-11-04&sp=r&sig=WrongAzSig%2BK2p%3D";
    public static final String APP_HOST = "app.example.test";
    /** The web app's {@code /resume.bin}, as it is now. */
    public static final String RESUMABLE = "NEW-version-of-the-object";
    public static final String RESUMABLE_ETAG = "\"v2\"";
    /** A cache rule on the web app's {@code /app/**}: it reaches 2xx and 304 answers, never redirects. */
    public static final String APP_CACHE_CONTROL = "public, max-age=31536000, immutable";
    public static final String OVERRIDE_HOST = "override.example.test";
    public static final String SHARED_SECRET = "shared-Edge-Secret-9Qx";
    public static final String SIGNING_SECRET = "signing-Edge-Secret-4Tz";
    /** Secrets no response or log line may show. */
    public static final List<String> SECRETS = List.of(B2_TOKEN, "AzSig", "WrongAzSig", SHARED_SECRET,
            SIGNING_SECRET);
    public static final Map<String, String> POPS = Map.ofEntries(
            Map.entry("b2pub", "YNP"), Map.entry("b2tok", "YNT"), Map.entry("b2none", "YNN"),
            Map.entry("az", "YAZ"), Map.entry("azbad", "YAX"), Map.entry("pgcsdir", "YGD"),
            Map.entry("web", "YHT"), Map.entry("webq", "YHQ"), Map.entry("webtls", "YHS"),
            Map.entry("webwrongname", "YHW"), Map.entry("webshared", "YSS"), Map.entry("websig", "YSG"));

    public static RecordingOrigin recorder;
    private final List<S3Origin> standIns = new ArrayList<>();

    @Override
    public Map<String, String> start() {
        try {
            TestCertificates certificates = TestCertificates.shared();
            Map<String, Integer> upstreams = new HashMap<>();
            Map<String, String> config = new HashMap<>();
            for (Preset p : PRESETS) {
                boolean virtualHost = p.pathPrefix().isEmpty();
                String suffix = p.host().substring(p.host().indexOf('.') + 1);
                S3Origin standIn = new S3Origin(0, p.accessKeyId(), p.secret(), virtualHost ? suffix : null).start();
                standIn.bucket(BUCKET).put(BUCKET, "hello.txt", utf8(p.content()), "text/plain");
                standIn.put(BUCKET, "site/hello.txt", utf8(FOLDER_CONTENT), "text/plain");
                standIns.add(standIn);
                upstreams.put(p.host(), standIn.port());
                String o = "edge.origins." + p.name() + ".";
                config.put(o + "provider", p.provider());
                config.put(o + "bucket", BUCKET);
                if (p.setting() != null) {
                    config.put(o + p.setting(), p.value());
                }
                config.put(o + "access-key-id", p.accessKeyId());
                config.put(o + "secret-access-key", p.secret());
                config.put("edge.pops." + p.pop(), p.name());
            }
            Preset gcs = PRESETS.stream().filter(p -> p.provider().equals("gcs")).findFirst().orElseThrow();
            config.put("edge.origins.pgcsdir.provider", "gcs");
            config.put("edge.origins.pgcsdir.bucket", BUCKET);
            config.put("edge.origins.pgcsdir.path-prefix", "/site/");
            config.put("edge.origins.pgcsdir.access-key-id", gcs.accessKeyId());
            config.put("edge.origins.pgcsdir.secret-access-key", gcs.secret());

            recorder = new RecordingOrigin(certificates, upstreams::get, PresetOrigins::answer);
            String secure = "127.0.0.1:" + recorder.securePort();
            String plain = "127.0.0.1:" + recorder.port();
            for (Preset p : PRESETS) {
                config.put("edge.origins." + p.name() + ".connect-to", secure);
            }
            config.put("edge.origins.pgcsdir.connect-to", secure);

            b2Native(config, "b2pub", "public-bucket", null, secure);
            b2Native(config, "b2tok", "private-bucket", B2_TOKEN, secure);
            b2Native(config, "b2none", "private-bucket", null, secure);
            azure(config, "az", AZURE_SAS, secure);
            azure(config, "azbad", "?" + AZURE_WRONG_SAS, secure);

            // A web server whose address is not its name: connect-to, another Host, a folder of the app.
            web(config, "web", "http://backend.internal:8080", plain);
            config.put("edge.origins.web.host-header", APP_HOST);
            config.put("edge.origins.web.path-prefix", "/shop");
            web(config, "webq", "http://" + APP_HOST, plain);
            config.put("edge.origins.webq.forward-query", "true");
            web(config, "webtls", "https://backend.internal", secure);
            config.put("edge.origins.webtls.host-header", OVERRIDE_HOST);
            web(config, "webwrongname", "https://backend.internal", secure);
            config.put("edge.origins.webwrongname.host-header", "not-in-the-certificate.example.test");
            web(config, "webshared", "https://" + APP_HOST, secure);
            config.put("edge.origins.webshared.edge-auth.mode", "shared-secret");
            config.put("edge.origins.webshared.edge-auth.header", "X-Origin-Key");
            config.put("edge.origins.webshared.edge-auth.secret", SHARED_SECRET);
            web(config, "websig", "https://" + APP_HOST, secure);
            config.put("edge.origins.websig.edge-auth.mode", "signature");
            config.put("edge.origins.websig.edge-auth.secret", SIGNING_SECRET);
            POPS.forEach((origin, pop) -> config.put("edge.pops." + pop, origin));
            config.put("edge.cache.rules[0].path", "/app/**");
            config.put("edge.cache.rules[0].cache-control", APP_CACHE_CONTROL);

            config.put("javax.net.ssl.trustStore", certificates.trustStore().toString());
            config.put("javax.net.ssl.trustStorePassword", certificates.password());
            config.put("javax.net.ssl.trustStoreType", "PKCS12");
            return config;
        } catch (Exception e) {
            throw new IllegalStateException("Could not start the preset origins", e);
        }
    }

    /** What B2's download host, Azure Blob Storage and the web app answer. */
    private static RecordingOrigin.Answer answer(RecordingOrigin.Seen seen) {
        String host = seen.header("host");
        String path = seen.path();
        if (B2_HOST.equals(host)) {
            if (path.startsWith("/file/private-bucket/") && !B2_TOKEN.equals(seen.header("authorization"))) {
                return new RecordingOrigin.Answer(401, Map.of("Content-Type", "application/json"),
                        "{\"code\":\"unauthorized\",\"status\":401}");
            }
            return RecordingOrigin.Answer.ok("b2 native " + path + "\n");
        }
        if (AZURE_HOST.equals(host)) {
            if (!AZURE_SAS.equals(seen.query())) {
                return new RecordingOrigin.Answer(403, Map.of("Content-Type", "application/xml"),
                        "<Error><Code>AuthenticationFailed</Code><Message>Signature did not match: "
                                + seen.query() + "</Message></Error>");
            }
            return RecordingOrigin.Answer.ok("azure blob " + path + "\n");
        }
        if (path.endsWith("/protected")) {
            // An origin that accepts only signed traffic from the edge, as the README shows.
            boolean valid = new EdgeAuthVerifier(SIGNING_SECRET, java.time.Duration.ofSeconds(60))
                    .isValid(seen.header("edge-auth"));
            return valid ? RecordingOrigin.Answer.ok("protected content\n")
                    : new RecordingOrigin.Answer(403, Map.of(), "not through the edge\n");
        }
        if (path.endsWith("/login-first")) {
            return new RecordingOrigin.Answer(302, Map.of("Location", "https://" + host + "/login?next=%2Fa"), "");
        }
        if (path.endsWith("/own-path-redirect")) {
            // The app writes its own path, path-prefix included, as a web app under /shop does.
            return new RecordingOrigin.Answer(302, Map.of("Location", "/shop/x"), "");
        }
        if (path.endsWith("/own-host-redirect")) {
            return new RecordingOrigin.Answer(301, Map.of("Location", "https://" + APP_HOST + "/shop/y?z=1"), "");
        }
        if (path.endsWith("/resume.bin")) {
            return resumable(seen);
        }
        if (path.endsWith("/elsewhere")) {
            return new RecordingOrigin.Answer(302, Map.of("Location", "https://accounts.example.org/auth"), "");
        }
        // Never the query: it may carry what a test must not see come back.
        return RecordingOrigin.Answer.ok("web " + path + "\n");
    }

    /**
     * An object that changed since the client's first bytes: its ETag is now {@link #RESUMABLE_ETAG}. A range is
     * served only while the client's If-Range (if any) still names it (RFC 9110 §13.1.5), as S3 and web servers do.
     */
    private static RecordingOrigin.Answer resumable(RecordingOrigin.Seen seen) {
        String range = seen.header("range");
        String ifRange = seen.header("if-range");
        if ("bytes=0-3".equals(range) && (ifRange == null || ifRange.equals(RESUMABLE_ETAG))) {
            return new RecordingOrigin.Answer(206, Map.of("ETag", RESUMABLE_ETAG, "Content-Range", "bytes 0-3/"
                    + RESUMABLE.length(), "Content-Type", "application/octet-stream"), RESUMABLE.substring(0, 4));
        }
        return new RecordingOrigin.Answer(200, Map.of("ETag", RESUMABLE_ETAG, "Accept-Ranges", "bytes",
                "Content-Type", "application/octet-stream"), RESUMABLE);
    }

    private static void b2Native(Map<String, String> config, String name, String bucket, String token,
            String connectTo) {
        String o = "edge.origins." + name + ".";
        config.put(o + "provider", "b2-native");
        config.put(o + "download-host", B2_HOST);
        config.put(o + "bucket", bucket);
        config.put(o + "connect-to", connectTo);
        if (token != null) {
            config.put(o + "download-token", token);
        }
    }

    private static void azure(Map<String, String> config, String name, String sas, String connectTo) {
        String o = "edge.origins." + name + ".";
        config.put(o + "provider", "azure");
        config.put(o + "account", "acct123");
        config.put(o + "bucket", "cont");
        config.put(o + "sas-token", sas);
        config.put(o + "connect-to", connectTo);
    }

    private static void web(Map<String, String> config, String name, String endpoint, String connectTo) {
        String o = "edge.origins." + name + ".";
        config.put(o + "provider", "http");
        config.put(o + "endpoint", endpoint);
        config.put(o + "connect-to", connectTo);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void stop() {
        for (AutoCloseable c : standIns) {
            close(c);
        }
        close(recorder);
    }

    private static void close(AutoCloseable c) {
        try {
            if (c != null) {
                c.close();
            }
        } catch (Exception ignored) {
            // best effort at shutdown
        }
    }
}
