package dev.originedge.origin;

import java.net.URI;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import dev.originedge.config.EdgeConfig;
import dev.originedge.config.EdgeConfig.OriginConfig;
import io.quarkus.runtime.configuration.ConfigurationException;

/** The configured origins, validated once at start-up; messages name the offending property. */
@ApplicationScoped
public class Origins {

    private static final Logger LOG = Logger.getLogger(Origins.class);
    /** Signing region where the endpoint does not tell: the S3 convention (MinIO and most others accept it). */
    static final String FALLBACK_REGION = "us-east-1";

    private final Map<String, Origin> byName;

    @Inject
    public Origins(EdgeConfig config) {
        this(config.origins(), System.getenv());
    }

    public Origins(Map<String, OriginConfig> configured) {
        this(configured, Map.of());
    }

    public Origins(Map<String, OriginConfig> configured, Map<String, String> env) {
        EnvOriginNames.check(configured.keySet(), env);
        if (configured.isEmpty()) {
            throw new ConfigurationException("No origin is configured: set edge.origins.<name>.endpoint and "
                    + "edge.origins.<name>.bucket (for example edge.origins.us.*), or run the demo (see README)");
        }
        Map<String, Origin> origins = new TreeMap<>();
        configured.forEach((name, c) -> origins.put(name, resolve(name, c)));
        this.byName = Collections.unmodifiableMap(origins);
    }

    public Optional<Origin> byName(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    public Map<String, Origin> all() {
        return byName;
    }

    static Origin resolve(String name, OriginConfig c) {
        String prefix = "edge.origins." + name + ".";
        URI endpoint = c.endpoint();
        String scheme = endpoint.getScheme() == null ? "" : endpoint.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || endpoint.getHost() == null) {
            throw new ConfigurationException(prefix + "endpoint must be http(s)://host[:port], got '" + endpoint + "'");
        }
        if (endpoint.getRawPath() != null && !endpoint.getRawPath().isEmpty() && !endpoint.getRawPath().equals("/")
                || endpoint.getRawQuery() != null || endpoint.getRawUserInfo() != null) {
            throw new ConfigurationException(prefix + "endpoint must have no path, query or user info: put the bucket in "
                    + prefix + "bucket");
        }
        String bucket = c.bucket();
        if (bucket.isBlank() || bucket.contains("/")) {
            throw new ConfigurationException(prefix + "bucket must be a bucket name, got '" + bucket + "'");
        }
        boolean tls = scheme.equals("https");
        int defaultPort = tls ? 443 : 80;
        int port = endpoint.getPort() == -1 ? defaultPort : endpoint.getPort();
        String host = endpoint.getHost().toLowerCase(Locale.ROOT);
        String authority = port == defaultPort ? host : host + ":" + port;

        String hostHeader = switch (c.addressing()) {
            case VIRTUAL_HOST -> bucket + "." + authority;
            case PATH -> authority;
        };
        String pathPrefix = c.addressing() == Addressing.PATH ? "/" + bucket : "";

        Optional<Origin.Credentials> credentials = credentials(prefix, c);
        String region = c.region().or(() -> Regions.derive(host)).orElseGet(() -> {
            if (credentials.isPresent()) {
                LOG.infof("%sregion is not set and %s does not tell it: signing for %s", prefix, host, FALLBACK_REGION);
            }
            return FALLBACK_REGION;
        });

        String connectHost = host;
        int connectPort = port;
        if (c.connectTo().isPresent()) {
            String to = c.connectTo().get().trim();
            int colon = to.lastIndexOf(':');
            try {
                connectHost = to.substring(0, colon).replace("[", "").replace("]", "");
                connectPort = Integer.parseInt(to.substring(colon + 1));
            } catch (RuntimeException e) {
                throw new ConfigurationException(prefix + "connect-to must be host:port, got '" + to + "'");
            }
            if (connectHost.isEmpty() || connectPort < 1 || connectPort > 65535) {
                throw new ConfigurationException(prefix + "connect-to must be host:port, got '" + to + "'");
            }
        }
        return new Origin(name, tls, hostHeader, pathPrefix, region, credentials, connectHost, connectPort);
    }

    private static Optional<Origin.Credentials> credentials(String prefix, OriginConfig c) {
        if (c.accessKeyId().isPresent() != c.secretAccessKey().isPresent()) {
            throw new ConfigurationException(prefix + "access-key-id and " + prefix
                    + "secret-access-key must be set together (or neither, for a public bucket)");
        }
        return c.accessKeyId().map(id -> new Origin.Credentials(id, c.secretAccessKey().get()));
    }
}
