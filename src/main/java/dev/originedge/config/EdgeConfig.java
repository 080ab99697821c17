package dev.originedge.config;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.originedge.origin.Addressing;
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

    /** Origin for POPs that neither the catalog nor {@link #pops()} knows. */
    @WithDefault("us")
    String defaultOrigin();

    /** {@code edge.pops.<POP>=<origin>[,<fallback>...]}: overrides and extends the bundled catalog. */
    Map<String, List<String>> pops();

    PopConfig pop();

    /** How long to wait for the origin's response headers (and, later, between body chunks). */
    @WithDefault("10s")
    Duration originTimeout();

    interface OriginConfig {
        /** {@code scheme://host[:port]} of the S3 API, without the bucket. */
        URI endpoint();

        String bucket();

        /** Signing region; derived from well-known endpoint host names when absent. */
        Optional<String> region();

        @WithDefault("virtual-host")
        Addressing addressing();

        Optional<String> accessKeyId();

        Optional<String> secretAccessKey();

        /** {@code host:port} to connect to instead of resolving the Host (like a CDN backend address). */
        Optional<String> connectTo();
    }

    interface PopConfig {
        /** POP used when the request and the environment name none. */
        @WithName("default")
        @WithDefault("SJC")
        String fallback();

        /** Whether {@code ?pop=XXX} may choose the POP (handy for demos; switch off in production). */
        @WithDefault("true")
        boolean queryParamEnabled();

        /** A trusted request header carrying the POP, e.g. set by the CDN in front; unset means none is trusted. */
        Optional<String> header();
    }
}
