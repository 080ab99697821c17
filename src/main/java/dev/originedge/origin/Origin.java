package dev.originedge.origin;

/**
 * One configured origin, resolved once at start-up into what every request needs.
 *
 * @param hostHeader   the {@code Host} the origin expects (the one that is signed, and the TLS server name)
 * @param pathPrefix   what goes before the encoded key or request path: empty, {@code /bucket} (path addressing),
 *                     {@code /file/bucket} (B2 native), {@code /container} (Azure), then {@code path-prefix}
 * @param region       the SigV4 signing region (S3 API providers only)
 * @param access       how requests are authorised
 * @param forwardQuery the client's query goes along ({@code http} origins that asked for it)
 * @param connectHost  where the TCP connection goes (the endpoint host, or {@code connect-to})
 */
public record Origin(String name, Provider provider, boolean tls, String hostHeader, String pathPrefix,
        String region, OriginAccess access, boolean forwardQuery, String connectHost, int connectPort) {

    /** An S3 API origin without a preset's extras: what most tests and the signer's warm-up need. */
    public Origin(String name, boolean tls, String hostHeader, String pathPrefix, String region, OriginAccess access,
            String connectHost, int connectPort) {
        this(name, Provider.S3, tls, hostHeader, pathPrefix, region, access, false, connectHost, connectPort);
    }

    /** The path sent to this origin, from an already encoded key path or request path ({@code /k%20ey}). */
    public String pathFor(String encodedPath) {
        return pathPrefix + encodedPath;
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
}
