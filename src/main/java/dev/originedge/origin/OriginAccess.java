package dev.originedge.origin;

/**
 * How a request proves to its origin that it may read: one kind per origin. No string form shows a secret,
 * so an origin can be logged as it is.
 */
public sealed interface OriginAccess {

    /** A public bucket or an open web server: sent as is. */
    record Open() implements OriginAccess {
    }

    /** AWS Signature V4 with an access key pair (S3 and every S3-compatible provider). */
    record SigV4(Credentials credentials) implements OriginAccess {
    }

    /** A fixed header: B2's download token as {@code Authorization}, or edge-auth's shared secret. */
    record FixedHeader(String name, String value) implements OriginAccess {
        @Override
        public String toString() {
            return "FixedHeader[name=" + name + ", value=<redacted>]";
        }
    }

    /** A fixed query string the origin reads its authorisation from: an Azure SAS token. */
    record FixedQuery(String query) implements OriginAccess {
        @Override
        public String toString() {
            return "FixedQuery[<redacted>]";
        }
    }

    /** Edge-auth's per-request signature: {@code {unix seconds},{pop}, {base64(HMAC-SHA256)}} in a header. */
    record EdgeSignature(String header, String secret) implements OriginAccess {
        @Override
        public String toString() {
            return "EdgeSignature[header=" + header + ", secret=<redacted>]";
        }
    }

    /** An access key pair. Its string form never shows the secret. */
    record Credentials(String accessKeyId, String secretAccessKey) {
        @Override
        public String toString() {
            return "Credentials[accessKeyId=" + accessKeyId + ", secretAccessKey=<redacted>]";
        }
    }

    /** The request header the proxy sets itself for this origin (lower case), or null: a client's never goes. */
    default String ownHeader() {
        if (this instanceof FixedHeader h) {
            return h.name();
        }
        return this instanceof EdgeSignature s ? s.header() : null;
    }

    /** For the start-up line: how requests are authorised, without any secret. */
    default String describe() {
        if (this instanceof SigV4) {
            return "signed";
        } else if (this instanceof FixedHeader h) {
            return "with " + h.name() + " header";
        } else if (this instanceof FixedQuery) {
            return "with SAS token";
        } else if (this instanceof EdgeSignature s) {
            return "with " + s.header() + " signature";
        }
        return "unsigned";
    }
}
