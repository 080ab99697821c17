package dev.originedge.bench;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import dev.originedge.config.EdgeConfig;
import dev.originedge.origin.LatencyRanking;
import dev.originedge.origin.Origin;
import dev.originedge.origin.OriginHealth;
import dev.originedge.origin.OriginOrder;
import dev.originedge.origin.OriginRequest;
import dev.originedge.origin.OriginSelector;
import dev.originedge.origin.Origins;
import dev.originedge.pop.PopResolver;
import dev.originedge.proxy.KeyPath;
import dev.originedge.proxy.OriginRequests;
import dev.originedge.signing.RequestAuthorizer;
import dev.originedge.signing.S3Signer;
import dev.originedge.response.HeaderPolicy;
import dev.originedge.testing.Configs;

/**
 * The per-request work of the proxy without any I/O: POP resolution, origin order, key encoding, the origin
 * request and its SigV4 signature, with the production beans built from a real configuration of two private
 * origins. Run it as README "Performance" says (./mvnw -Pjmh ...); {@code -prof gc} reports bytes per op.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RequestPathBenchmark {

    private static final String RAW_QUERY = "pop=AMS&utm_source=mail";
    private static final String RAW_PATH = "/docs/Caf%C3%A9%20menu/index.html";
    /** A typical browser GET: no conditional or range headers, an Accept-Encoding. */
    private static final Map<String, String> CLIENT = Map.of("accept-encoding", "gzip, br", "accept", "*/*");
    private static final UnaryOperator<String> HEADERS = CLIENT::get;
    private static final io.vertx.core.MultiMap CLIENT_HEADERS = io.vertx.core.MultiMap.caseInsensitiveMultiMap()
            .addAll(CLIENT);

    private PopResolver pops;
    private OriginOrder order;
    private OriginRequests requests;
    private S3Signer signer;
    private Origin origin;
    private KeyPath key;
    private OriginRequest unsigned;
    private RequestAuthorizer authorizer;
    private HeaderPolicy headerPolicy;
    /** The header names of a typical S3 GET response, as {@code ResponseHeaders} asks about them. */
    private static final String[] ORIGIN_HEADERS = { "x-amz-id-2", "x-amz-request-id", "date", "last-modified",
        "etag", "x-amz-meta-owner", "accept-ranges", "content-type", "content-length", "server", "cache-control" };
    /** A request to a web origin with edge-auth in signature mode. */
    private OriginRequest forApp;

    @Setup
    public void setUp() {
        Map<String, String> properties = new java.util.HashMap<>();
        properties.put("edge.origins.us.endpoint", "https://s3.us-west-004.backblazeb2.com");
        properties.put("edge.origins.us.bucket", "site-us");
        properties.put("edge.origins.us.access-key-id", "AKIDEXAMPLEUS");
        properties.put("edge.origins.us.secret-access-key", "us-secret-us-secret-us-secret");
        properties.put("edge.origins.eu.endpoint", "https://s3.eu-central-003.backblazeb2.com");
        properties.put("edge.origins.eu.bucket", "site-eu");
        properties.put("edge.origins.eu.access-key-id", "AKIDEXAMPLEEU");
        properties.put("edge.origins.eu.secret-access-key", "eu-secret-eu-secret-eu-secret");
        properties.put("edge.origins.app.provider", "http");
        properties.put("edge.origins.app.endpoint", "https://my-app.herokuapp.com");
        properties.put("edge.origins.app.edge-auth.mode", "signature");
        properties.put("edge.origins.app.edge-auth.secret", "app-secret-app-secret-app-secret");
        EdgeConfig config = Configs.edge(properties);
        Origins origins = new Origins(config.origins());
        pops = new PopResolver(config.pop(), Map.of());
        order = new OriginOrder(new OriginSelector(config, origins), new LatencyRanking(config),
                new OriginHealth(config.health(), origins, Clock.systemUTC()));
        signer = new S3Signer();
        authorizer = new RequestAuthorizer(signer);
        requests = new OriginRequests(authorizer);
        headerPolicy = new HeaderPolicy(config);
        origin = order.attempts("AMS").get(0);
        key = KeyPath.parse(RAW_PATH);
        unsigned = requests.unsigned(origin, "GET", key, CLIENT_HEADERS, null);
        forApp = requests.unsigned(origins.byName("app").orElseThrow(), "GET", key, CLIENT_HEADERS, null);
    }

    @Benchmark
    public String popResolution() {
        return pops.resolve(RAW_QUERY, HEADERS);
    }

    @Benchmark
    public List<Origin> originOrder() {
        return order.attempts("AMS");
    }

    @Benchmark
    public KeyPath keyEncoding() {
        return KeyPath.parse(RAW_PATH);
    }

    @Benchmark
    public OriginRequest originRequest() {
        return requests.unsigned(origin, "GET", key, CLIENT_HEADERS, null);
    }

    @Benchmark
    public OriginRequest signing() {
        return signer.sign(unsigned);
    }

    /** Edge-auth's per-request header for a web origin: one HMAC-SHA256 and its base64. */
    @Benchmark
    public OriginRequest edgeAuthSignature() {
        return authorizer.authorize(forApp, "AMS");
    }

    /** Which of an origin response's headers the client gets ({@code edge.response.*}, the default globs). */
    @Benchmark
    public int responseHeaders() {
        int passed = 0;
        for (String name : ORIGIN_HEADERS) {
            if (headerPolicy.passes(name)) {
                passed++;
            }
        }
        return passed;
    }

    /** Everything a request does before the first byte goes to the origin. */
    @Benchmark
    public OriginRequest wholePath() {
        String pop = pops.resolve(RAW_QUERY, HEADERS);
        Origin first = order.attempts(pop).get(0);
        return requests.object(first, "GET", KeyPath.parse(RAW_PATH), CLIENT_HEADERS, RAW_QUERY, pop);
    }
}
