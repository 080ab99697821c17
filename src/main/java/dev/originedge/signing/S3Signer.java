package dev.originedge.signing;

import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;

import dev.originedge.origin.Origin;
import dev.originedge.origin.OriginAccess;
import io.quarkus.runtime.Startup;
import dev.originedge.origin.OriginRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignRequest;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * Signs origin requests with AWS Signature V4 (the AWS SDK v2 signer) under S3's rules: the path is already
 * S3-encoded, so it is neither encoded again nor normalised, and what is signed is what is sent.
 * Signed headers: host, x-amz-date, x-amz-content-sha256. Forwarded client headers stay unsigned.
 */
@Startup // built before the first request, which is the one a cold start is judged by
@ApplicationScoped
public class S3Signer {

    /** SHA-256 of the empty body: a GET or HEAD has none. */
    static final String EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    private static final List<String> SIGNING_HEADERS = List.of("host", "x-amz-date", "x-amz-content-sha256",
            "authorization", "x-amz-security-token");

    private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();
    private final Clock clock;

    public S3Signer() {
        this(Clock.systemUTC());
    }

    public S3Signer(Clock clock) {
        this.clock = clock;
        // Sign once at start-up so that the SDK's classes are loaded and initialised before the first visitor.
        sign(new OriginRequest(new Origin("warm-up", true, "warm-up.invalid", "", "us-east-1",
                new OriginAccess.SigV4(new OriginAccess.Credentials("warm-up", "warm-up")), "warm-up.invalid", 443),
                "GET", "/", Map.of("host", "warm-up.invalid")));
    }

    /** The request with its signing headers; unchanged when the origin has no key pair (a public bucket). */
    public OriginRequest sign(OriginRequest request) {
        Origin origin = request.origin();
        if (!(origin.access() instanceof OriginAccess.SigV4 sigV4)) {
            return request;
        }
        SdkHttpRequest unsigned = SdkHttpRequest.builder()
                .method(SdkHttpMethod.fromValue(request.method()))
                .protocol(origin.tls() ? "https" : "http")
                .host(origin.serverName())
                .port(origin.hostPort())
                .encodedPath(request.path())
                .putHeader("Host", request.hostHeader())
                .putHeader("x-amz-content-sha256", EMPTY_SHA256)
                .build();
        OriginAccess.Credentials credentials = sigV4.credentials();
        SignedRequest signed = signer.sign(SignRequest.builder(
                        AwsCredentialsIdentity.create(credentials.accessKeyId(), credentials.secretAccessKey()))
                .request(unsigned)
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "s3")
                .putProperty(AwsV4HttpSigner.REGION_NAME, origin.region())
                .putProperty(AwsV4HttpSigner.DOUBLE_URL_ENCODE, false)
                .putProperty(AwsV4HttpSigner.NORMALIZE_PATH, false)
                .putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, true)
                .putProperty(HttpSigner.SIGNING_CLOCK, clock)
                .build());
        SdkHttpRequest sent = signed.request();
        return request.withHeaders(sent.encodedPath(), signingHeaders(sent.headers()));
    }

    private static Map<String, String> signingHeaders(Map<String, List<String>> headers) {
        Map<String, String> out = new TreeMap<>();
        headers.forEach((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (SIGNING_HEADERS.contains(lower) && !values.isEmpty()) {
                out.put(lower, values.get(0));
            }
        });
        return out;
    }
}
