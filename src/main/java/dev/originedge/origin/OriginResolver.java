package dev.originedge.origin;

import dev.originedge.config.Addressing;
import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import org.jboss.logging.Logger;

import dev.originedge.config.EdgeConfig.EdgeAuthConfig;
import dev.originedge.config.HeaderNames;
import dev.originedge.config.EdgeConfig.OriginConfig;
import io.quarkus.runtime.configuration.ConfigurationException;
import software.amazon.awssdk.utils.http.SdkHttpUtils;

/**
 * Turns one {@code edge.origins.<name>.*} block into an {@link Origin}: the provider's preset fills in what is
 * not set (endpoint, addressing, region, path form), explicit settings win, and every refusal names the property.
 */
final class OriginResolver {

    private static final Logger LOG = Logger.getLogger(OriginResolver.class);
    /** Signing region where the endpoint does not tell: the S3 convention (MinIO and most others accept it). */
    static final String FALLBACK_REGION = "us-east-1";
    /** Bucket, space and container names of every provider: DNS-safe, plus legacy S3's upper case and _. */
    private static final Pattern BUCKET = Pattern.compile("[A-Za-z0-9._-]+");
    /** A host name or IP literal with an optional port: what a Host header, download host or account may be. */
    private static final Pattern HOST = Pattern.compile("([A-Za-z0-9.-]+|\\[[0-9A-Fa-f:.]+\\])(:\\d{1,5})?");

    private final String prefix;
    private final OriginConfig c;

    private OriginResolver(String name, OriginConfig c) {
        this.prefix = "edge.origins." + name + ".";
        this.c = c;
    }

    static Origin resolve(String name, OriginConfig c) {
        return new OriginResolver(name, c).resolve(name);
    }

    private Origin resolve(String name) {
        Provider provider = provider();
        URI endpoint = endpoint(provider);
        String scheme = endpoint.getScheme().toLowerCase(Locale.ROOT);
        boolean tls = scheme.equals("https");
        int defaultPort = tls ? 443 : 80;
        int port = endpoint.getPort() == -1 ? defaultPort : endpoint.getPort();
        String host = endpoint.getHost().toLowerCase(Locale.ROOT);
        String authority = port == defaultPort ? host : host + ":" + port;

        String bucket = bucket(provider);
        Addressing addressing = addressing(provider);
        String hostHeader = c.hostHeader().map(h -> host("host-header", h))
                .orElse(addressing == Addressing.VIRTUAL_HOST ? bucket + "." + authority : authority);
        String basePath = switch (provider) {
            case B2_NATIVE -> "/file/" + bucket;
            case AZURE -> "/" + bucket;
            case HTTP -> "";
            default -> addressing == Addressing.PATH ? "/" + bucket : "";
        };
        OriginAccess access = access(provider);
        String region = provider.s3Api() ? region(provider, host, access) : "";
        if (c.forwardQuery() && provider.bucket()) {
            throw refused("forward-query is for http origins only: to a bucket a query is an S3 sub-resource "
                    + "(?acl, ?versions), never part of an object's name");
        }

        String connectHost = host;
        int connectPort = port;
        if (c.connectTo().isPresent()) {
            String to = c.connectTo().get().trim();
            int colon = to.lastIndexOf(':');
            try {
                connectHost = to.substring(0, colon).replace("[", "").replace("]", "");
                connectPort = Integer.parseInt(to.substring(colon + 1));
            } catch (RuntimeException e) {
                throw refused("connect-to must be host:port, got '" + to + "'");
            }
            if (connectHost.isEmpty() || connectPort < 1 || connectPort > 65535) {
                throw refused("connect-to must be host:port, got '" + to + "'");
            }
        }
        if (provider == Provider.HTTP && access instanceof OriginAccess.FixedHeader && !tls
                && !loopback(connectHost) && !c.edgeAuth().allowPlaintext()) {
            throw refused("edge-auth.mode=shared-secret sends the secret in the clear over http:// to " + connectHost
                    + ", where anyone on the path can read and replay it: use an https:// endpoint or "
                    + "edge-auth.mode=signature, or set " + prefix + "edge-auth.allow-plaintext=true if that network "
                    + "is trusted");
        }
        return new Origin(name, provider, tls, hostHeader, basePath + pathPrefix(), region, access,
                c.forwardQuery(), connectHost, connectPort);
    }

    private Provider provider() {
        if (c.provider().isEmpty()) {
            if (c.endpoint().isEmpty()) {
                throw new ConfigurationException(prefix + "endpoint (or " + prefix + "provider with what its "
                        + "endpoint needs, e.g. provider=b2 and region=us-west-004) must be set");
            }
            return Provider.S3;
        }
        try {
            return Provider.parse(c.provider().get());
        } catch (IllegalArgumentException e) {
            throw refused("provider: " + e.getMessage());
        }
    }

    /** The explicit endpoint, else the preset's, filled in from region, account or download-host. */
    private URI endpoint(Provider provider) {
        URI endpoint;
        if (c.endpoint().isPresent()) {
            endpoint = c.endpoint().get();
        } else {
            String template = provider.endpointTemplate().orElseThrow(() -> refused(
                    "endpoint must be set for provider " + provider.configName() + " (e.g. https://app.example.com)"));
            String filled = template;
            filled = fill(filled, "{region}", "region", c.region(), provider);
            filled = fill(filled, "{account}", "account", c.account(), provider);
            filled = fill(filled, "{download-host}", "download-host", c.downloadHost(), provider);
            endpoint = URI.create(filled);
        }
        String scheme = endpoint.getScheme() == null ? "" : endpoint.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || endpoint.getHost() == null) {
            throw refused("endpoint must be http(s)://host[:port], got '" + endpoint + "'");
        }
        if (endpoint.getRawPath() != null && !endpoint.getRawPath().isEmpty() && !endpoint.getRawPath().equals("/")
                || endpoint.getRawQuery() != null || endpoint.getRawUserInfo() != null) {
            throw refused("endpoint must have no path, query or user info: put the bucket in " + prefix
                    + "bucket and a folder in " + prefix + "path-prefix");
        }
        return endpoint;
    }

    private String fill(String template, String placeholder, String property, Optional<String> value,
            Provider provider) {
        if (!template.contains(placeholder)) {
            return template;
        }
        String v = value.map(String::strip).filter(s -> !s.isEmpty()).orElseThrow(() -> refused(property
                + " must be set for provider " + provider.configName() + " (its endpoint is "
                + provider.endpointTemplate().orElseThrow() + "), or set " + prefix + "endpoint"));
        return template.replace(placeholder, host(property, v));
    }

    private String bucket(Provider provider) {
        if (!provider.bucket()) {
            if (c.bucket().isPresent()) {
                throw refused("bucket is not used by http origins: to serve a folder of the app, set " + prefix
                        + "path-prefix");
            }
            return "";
        }
        String bucket = c.bucket().orElseThrow(() -> refused("bucket must be set for provider "
                + provider.configName()));
        if (!BUCKET.matcher(bucket).matches()) {
            throw refused("bucket must be a bucket name, got '" + bucket + "'");
        }
        return bucket;
    }

    private Addressing addressing(Provider provider) {
        if (!provider.s3Api()) {
            if (c.addressing().isPresent()) {
                throw refused("addressing does not apply to provider " + provider.configName()
                        + ": its path form is fixed");
            }
            return null;
        }
        return c.addressing().orElse(provider.defaultAddressing());
    }

    private String region(Provider provider, String host, OriginAccess access) {
        if (c.region().isPresent()) {
            return c.region().get().strip();
        }
        if (provider == Provider.GCS || provider == Provider.R2) {
            return "auto";
        }
        return Regions.derive(host).orElseGet(() -> {
            if (access instanceof OriginAccess.SigV4) {
                LOG.infof("%sregion is not set and %s does not tell it: signing for %s", prefix, host,
                        FALLBACK_REGION);
            }
            return FALLBACK_REGION;
        });
    }

    /** {@code /a/b} from {@code a/b}, {@code /a/b/} or {@code /a/b}, each segment encoded like a key. */
    private String pathPrefix() {
        String raw = c.pathPrefix().map(String::strip).orElse("");
        String trimmed = raw.replaceAll("^/+", "").replaceAll("/+$", "");
        if (trimmed.isEmpty()) {
            return "";
        }
        StringBuilder encoded = new StringBuilder();
        for (String segment : trimmed.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..") || segment.contains("?")
                    || segment.contains("#") || segment.contains("%")) {
                throw refused("path-prefix must be a folder such as /site (no empty, . or .. segments, no ?, # "
                        + "or %-escapes), got '" + raw + "'");
            }
            encoded.append('/').append(SdkHttpUtils.urlEncode(segment));
        }
        return encoded.toString();
    }

    private OriginAccess access(Provider provider) {
        boolean keys = c.accessKeyId().isPresent() || c.secretAccessKey().isPresent();
        if (c.accessKeyId().isPresent() != c.secretAccessKey().isPresent()) {
            throw refused("access-key-id and " + prefix + "secret-access-key must be set together (or neither, "
                    + "for a public bucket)");
        }
        if (keys && !provider.s3Api()) {
            throw refused("access-key-id and secret-access-key are for S3 API providers; provider "
                    + provider.configName() + (provider == Provider.B2_NATIVE ? " takes download-token"
                            : provider == Provider.AZURE ? " takes sas-token" : " takes edge-auth"));
        }
        only(provider, Provider.B2_NATIVE, "download-token", c.downloadToken());
        only(provider, Provider.B2_NATIVE, "download-host", c.downloadHost().filter(h -> c.endpoint().isEmpty()));
        only(provider, Provider.AZURE, "sas-token", c.sasToken());
        OriginAccess edgeAuth = edgeAuth(provider, c.edgeAuth());
        return switch (provider) {
            case B2_NATIVE -> c.downloadToken().map(String::strip).filter(t -> !t.isEmpty())
                    .<OriginAccess>map(t -> new OriginAccess.FixedHeader("authorization", t))
                    .orElse(new OriginAccess.Open());
            case AZURE -> c.sasToken().map(t -> t.strip().replaceFirst("^\\?", "")).filter(t -> !t.isEmpty())
                    .<OriginAccess>map(OriginAccess.FixedQuery::new).orElse(new OriginAccess.Open());
            case HTTP -> edgeAuth;
            default -> keys ? new OriginAccess.SigV4(new OriginAccess.Credentials(c.accessKeyId().get(),
                    c.secretAccessKey().get())) : new OriginAccess.Open();
        };
    }

    private void only(Provider provider, Provider owner, String property, Optional<String> value) {
        if (value.isPresent() && provider != owner) {
            throw refused(property + " is for provider " + owner.configName() + " only, not "
                    + provider.configName());
        }
    }

    private OriginAccess edgeAuth(Provider provider, EdgeAuthConfig auth) {
        String mode = auth.mode().strip().toLowerCase(Locale.ROOT);
        if (mode.equals("none")) {
            return new OriginAccess.Open();
        }
        if (!mode.equals("shared-secret") && !mode.equals("signature")) {
            throw refused("edge-auth.mode must be none, shared-secret or signature, got '" + auth.mode() + "'");
        }
        if (provider != Provider.HTTP) {
            throw refused("edge-auth is for http origins; a bucket of provider " + provider.configName()
                    + " is protected by its own credentials");
        }
        String header = auth.header().strip().toLowerCase(Locale.ROOT);
        if (!HeaderNames.isToken(header) || header.equals("host") || header.equals("content-length")
                || header.equals("transfer-encoding") || header.equals("connection") || header.equals("te")
                || header.equals("upgrade")) {
            throw refused("edge-auth.header must be a header name of its own (not Host or a framing header), got '"
                    + auth.header() + "'");
        }
        String secret = auth.secret().filter(s -> !s.isBlank()).orElseThrow(() -> refused("edge-auth.secret must "
                + "be set for edge-auth.mode=" + mode + " (or EDGE_ORIGINS_" + EnvOriginNames.envForm(
                        prefix.substring("edge.origins.".length(), prefix.length() - 1)) + "_EDGE_AUTH_SECRET)"));
        return mode.equals("signature") ? new OriginAccess.EdgeSignature(header, secret)
                : new OriginAccess.FixedHeader(header, secret);
    }

    /**
     * Whether the connection stays on this machine: {@code localhost}, {@code 127.0.0.0/8} or {@code ::1}, as
     * written (a name is never resolved here: what it resolves to can change).
     */
    static boolean loopback(String host) {
        String h = host.toLowerCase(Locale.ROOT).replace("[", "").replace("]", "");
        if (h.equals("localhost") || h.endsWith(".localhost")) {
            return true;
        }
        if (!IP_LITERAL.matcher(h).matches()) {
            return false;
        }
        try {
            return java.net.InetAddress.getByName(h).isLoopbackAddress(); // a literal: no lookup
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    /** An IPv4 or IPv6 literal, nothing a resolver would be asked about. */
    private static final Pattern IP_LITERAL = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}|[0-9a-f:.]*:[0-9a-f:.]*");

    /** A host name (with an optional port) from configuration, lower case; refused if it is anything else. */
    private String host(String property, String value) {
        String v = value.strip();
        if (!HOST.matcher(v).matches()) {
            throw refused(property + " must be a host name (with an optional :port), got '" + value + "'");
        }
        return v.toLowerCase(Locale.ROOT);
    }

    private ConfigurationException refused(String message) {
        return new ConfigurationException(prefix + message);
    }
}
