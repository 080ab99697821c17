package dev.originedge.origin;

import java.util.Optional;

/**
 * One configured bucket, resolved once at start-up into what every request needs.
 *
 * @param hostHeader  the {@code Host} the bucket expects (and the one that is signed)
 * @param pathPrefix  what goes before the encoded key: empty, or {@code /bucket} for path addressing
 * @param connectHost where the TCP connection goes (the endpoint host, or {@code connect-to})
 */
public record Origin(String name, boolean tls, String hostHeader, String pathPrefix, String region,
        Optional<Credentials> credentials, String connectHost, int connectPort) {

    /** The path sent to (and signed for) this origin, from an already S3-encoded key path ({@code /k%20ey}). */
    public String pathFor(String encodedKeyPath) {
        return pathPrefix + encodedKeyPath;
    }

    /** Host name without the port, for TLS SNI and signing. */
    public String serverName() {
        int colon = portColon();
        return colon > 0 ? hostHeader.substring(0, colon) : hostHeader;
    }

    /** The port named by the Host header, or the scheme's default. */
    public int hostPort() {
        int colon = portColon();
        return colon > 0 ? Integer.parseInt(hostHeader.substring(colon + 1)) : tls ? 443 : 80;
    }

    private int portColon() {
        int colon = hostHeader.lastIndexOf(':');
        return colon > hostHeader.indexOf(']') ? colon : -1;
    }

    /** An access key pair. Its string form never shows the secret. */
    public record Credentials(String accessKeyId, String secretAccessKey) {
        @Override
        public String toString() {
            return "Credentials[accessKeyId=" + accessKeyId + ", secretAccessKey=<redacted>]";
        }
    }
}
