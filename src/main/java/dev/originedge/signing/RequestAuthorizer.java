package dev.originedge.signing;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.originedge.edgeauth.EdgeAuthVerifier;
import dev.originedge.origin.OriginAccess;
import dev.originedge.origin.OriginRequest;

/**
 * Adds to an origin request what proves it may read, as its origin's {@link OriginAccess} says: a SigV4
 * signature, a fixed header (B2's download token, edge-auth's shared secret), a fixed query (Azure's SAS token),
 * or edge-auth's per-request signature for the POP the request is served at. Last step before sending: what
 * is signed is what is sent.
 */
@ApplicationScoped
public class RequestAuthorizer {

    private final S3Signer s3;
    private final Clock clock;

    @Inject
    public RequestAuthorizer(S3Signer s3) {
        this(s3, Clock.systemUTC());
    }

    public RequestAuthorizer(S3Signer s3, Clock clock) {
        this.s3 = s3;
        this.clock = clock;
    }

    /** @param pop the POP the request is served at (edge-auth signs it) */
    public OriginRequest authorize(OriginRequest request, String pop) {
        OriginAccess access = request.origin().access();
        if (access instanceof OriginAccess.SigV4) {
            return s3.sign(request);
        } else if (access instanceof OriginAccess.FixedHeader header) {
            return request.withHeader(header.name(), header.value());
        } else if (access instanceof OriginAccess.FixedQuery query) {
            return request.withQuery(query.query());
        } else if (access instanceof OriginAccess.EdgeSignature signature) {
            return request.withHeader(signature.header(),
                    EdgeAuthVerifier.header(signature.secret(), clock.instant().getEpochSecond(), pop));
        }
        return request;
    }
}
