package dev.originedge.config;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import io.quarkus.runtime.configuration.MemorySize;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/**
 * The operator's interface: every {@code edge.*} property. Names are a contract (see README); keep them.
 */
@ConfigMapping(prefix = "edge")
public interface EdgeConfig {

    /** The buckets, by origin name ({@code edge.origins.<name>.*}). */
    Map<String, OriginConfig> origins();

    /** Origins, in order, for POPs that neither the catalog nor {@link #pops()} knows; also the last fallbacks. */
    @WithDefault("us")
    List<String> defaultOrigin();

    /** {@code edge.pops.<POP>=<origin>[,<fallback>...]}: overrides and extends the bundled catalog. */
    Map<String, List<String>> pops();

    PopConfig pop();

    /** How the origins of a POP are ordered: the POP map as is, or the fastest healthy one first. */
    @WithDefault("pop-map")
    Selection selection();

    /** Opening a TCP (and TLS) connection to an origin; a black-holed origin fails over after this. */
    @WithDefault("2s")
    Duration connectTimeout();

    /** How long to wait for the origin's response headers once the request is sent. */
    @WithDefault("10s")
    Duration originTimeout();

    /** How long a body may stall once it flows, whether the origin or a paused client stalls it. */
    @WithDefault("30s")
    Duration idleTimeout();

    /**
     * The budget of one client request up to its response head: every origin attempt, failover and site step
     * together. An attempt gets at most what is left of it, and none starts once it is spent.
     */
    @WithDefault("20s")
    Duration exchangeTimeout();

    /**
     * How long a client may take to send a request head: from the connection's start, and on a kept-alive
     * connection from the end of the previous response. A client that dribbles its head (slowloris) is cut.
     */
    @WithDefault("10s")
    Duration requestHeaderTimeout();

    FailoverConfig failover();

    HealthConfig health();

    FastestConfig fastest();

    PoolConfig pool();

    /** Static-site behaviour: index documents, directory redirects, the single-page-app fallback. */
    SiteConfig site();

    /** Error pages by status ({@code edge.errors."404".object=404.html}); the key is a 4xx or 5xx status. */
    Map<String, ErrorPageConfig> errors();

    CacheConfig cache();

    ResponseConfig response();

    enum Selection {
        /** {@code edge.pops} and the catalog decide the order; failover follows it. */
        POP_MAP,
        /** The POP map is the starting order; a clearly faster healthy origin (time to first byte) goes first. */
        FASTEST
    }

    interface FailoverConfig {
        /** Origin statuses that make a GET/HEAD try the next origin (add 404 for replication lag, or 403). */
        @WithDefault("500,502,503,504")
        Set<Integer> statuses();
    }

    interface HealthConfig {
        /** Failures in a row (connect, timeout, 5xx, broken body) after which an origin is skipped. */
        @WithDefault("3")
        int consecutiveFailures();

        /** How long an origin is skipped the first time; doubled each time it fails again right after. */
        @WithDefault("30s")
        Duration ejectionTime();

        /** The longest an origin is ever skipped. */
        @WithDefault("5m")
        Duration maxEjectionTime();

        /** Readiness also names each origin's host: only where /q/health is not public (management interface). */
        @WithDefault("false")
        boolean showHosts();
    }

    interface FastestConfig {
        /** Share of requests sent first to another healthy origin, to keep its figure fresh. */
        @WithDefault("0.01")
        double exploreRatio();
    }

    interface PoolConfig {
        /** Connections per origin. A slow reader holds one for its whole download: keep it above the
         *  number of concurrent requests an instance takes (Knative's containerConcurrency). */
        @WithDefault("1000")
        int maxConnections();

        /** Requests per origin that may wait for a connection when all are busy (connections being opened
         *  count too, so a burst on a cold pool needs room); beyond that the origin is busy: failover, else 503. */
        @WithDefault("1000")
        int maxWaiting();
    }

    interface OriginConfig {
        /**
         * A preset: s3 (the default), b2, b2-native, gcs, spaces, wasabi, oss, r2, azure or http. It derives the
         * endpoint, Host form, path and signing; explicit settings win.
         */
        Optional<String> provider();

        /** {@code scheme://host[:port]}, without the bucket; derived by the provider's preset when absent. */
        Optional<URI> endpoint();

        /** The bucket (DigitalOcean's space, Azure's container); {@code http} origins have none. */
        Optional<String> bucket();

        /** Signing region, and the region in a preset's endpoint; derived from well-known host names when absent. */
        Optional<String> region();

        /** The account in an {@code r2} or {@code azure} endpoint. */
        Optional<String> account();

        /** virtual-host or path; the preset's when absent (virtual-host for most, path for r2). */
        Optional<Addressing> addressing();

        Optional<String> accessKeyId();

        Optional<String> secretAccessKey();

        /** {@code b2-native}: the bucket's download host, e.g. {@code f003.backblazeb2.com}. */
        Optional<String> downloadHost();

        /** {@code b2-native}: a download authorization token for a private bucket, sent as Authorization. */
        Optional<String> downloadToken();

        /** {@code azure}: a SAS token, sent as the origin request's query (a leading {@code ?} is dropped). */
        Optional<String> sasToken();

        /** The Host sent, signed and used as TLS server name (like a CDN's override host); the endpoint's stays
         *  where the connection goes. */
        Optional<String> hostHeader();

        /** A folder of the bucket or app that the site is in: {@code /site} + the request path. */
        Optional<String> pathPrefix();

        /** {@code http} origins only: send the client's query along (app backends). Buckets never get one. */
        @WithDefault("false")
        boolean forwardQuery();

        /** {@code host:port} to connect to instead of resolving the Host (like a CDN backend address). */
        Optional<String> connectTo();

        /** Proof for an {@code http} origin that a request came through the edge. */
        EdgeAuthConfig edgeAuth();
    }

    interface EdgeAuthConfig {
        /** none, shared-secret (the header carries the secret) or signature (time-limited, per request). */
        @WithDefault("none")
        String mode();

        /** The request header that carries it; a client's header of this name never reaches the origin. */
        @WithDefault("edge-auth")
        String header();

        /** The shared secret, also the signature's HMAC key ({@code EDGE_ORIGINS_<NAME>_EDGE_AUTH_SECRET}). */
        Optional<String> secret();

        /** {@code shared-secret} over plain {@code http://} to a host that is not loopback: refused unless true. */
        @WithDefault("false")
        boolean allowPlaintext();
    }

    interface PopConfig {
        /** POP used when the request and the environment name none. */
        @WithName("default")
        @WithDefault("SJC")
        String fallback();

        /** Whether {@code ?pop=XXX} may choose the POP: off in production, on in dev, test and the demo. */
        @WithDefault("false")
        boolean queryParamEnabled();

        /** A trusted request header carrying the POP, e.g. set by the CDN in front; unset means none is trusted. */
        Optional<String> header();
    }

    interface SiteConfig {
        /** Served for a path ending in {@code /}; empty: off (such a path is a 404, never a bucket listing). */
        @WithDefault("index.html")
        Optional<String> indexDocument();

        /** {@code /docs} answers {@code 301 /docs/} when it is missing and {@code /docs/<index>} exists. */
        @WithDefault("true")
        boolean directoryRedirect();

        /** Single-page apps: served with 200 for a missing GET/HEAD whose last segment has no extension. */
        Optional<String> fallbackDocument();
    }

    interface ErrorPageConfig {
        /** An object of the origin that served the request, served with the original status. */
        Optional<String> object();

        /** An inline page: used when no object is set or it cannot be fetched. */
        Optional<String> body();

        /** The inline page's type (and an object's, when the origin names none). */
        @WithDefault("text/html;charset=utf-8")
        String contentType();
    }

    interface CacheConfig {
        /** In order: the first rule that matches a response sets its caching headers. */
        List<CacheRule> rules();

        /** The edge's own cache of answers: off, every request goes to an origin. */
        @WithDefault("true")
        boolean enabled();

        /** The stored bodies' bytes at most (off the Java heap); the least valuable entries are evicted. */
        @WithDefault("32M")
        MemorySize maxSize();

        /** A body larger than this is streamed but not stored. */
        @WithDefault("4M")
        MemorySize maxObjectSize();

        /** Freshness for a 200 that carries none of its own; 0s: such an answer is not stored. */
        @WithDefault("0s")
        Duration defaultTtl();

        /** Freshness for a 404 or 410 that carries none of its own; 0s: not stored. */
        @WithDefault("0s")
        Duration negativeTtl();
    }

    interface CacheRule {
        /**
         * A glob on the request path ({@code *} within a segment, {@code **} across, {@code ?}, {@code [a-z]},
         * {@code {a,b}}).
         */
        Optional<String> path();

        /** A media-type prefix of the response's Content-Type (e.g. {@code image/}). */
        Optional<String> contentType();

        Optional<String> cacheControl();

        Optional<String> surrogateControl();

        /** false: an origin's own header (object metadata) wins over the rule's. */
        @WithDefault("false")
        boolean override();
    }

    interface ResponseConfig {
        /** Provider headers removed from origin responses (globs, case-insensitive); empty: none. */
        @WithDefault("x-amz-*,x-bz-*,x-goog-*,x-ms-*,x-oss-*,x-guploader-*,server")
        Optional<List<String>> stripHeaders();

        /** Exceptions to {@link #stripHeaders()} (and to the dropped Set-Cookie), e.g. {@code x-amz-meta-*}. */
        Optional<List<String>> keepHeaders();

        /** Headers set on every proxied response, e.g. {@code Strict-Transport-Security}. */
        Map<String, String> addHeaders();
    }
}
