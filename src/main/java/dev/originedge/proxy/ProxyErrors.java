package dev.originedge.proxy;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import dev.originedge.pop.InvalidPopException;

/**
 * Every error the proxy answers itself: short plain text, never a stack trace, a credential or an origin's
 * own error document.
 */
public class ProxyErrors {

    private static final Logger LOG = Logger.getLogger(ProxyErrors.class);
    static final String ALLOWED = "GET, HEAD";

    /** Only GET and HEAD reach the proxy (OPTIONS too is refused: there is nothing to negotiate). */
    @ServerRequestFilter(preMatching = true)
    public RestResponse<String> onlyGetAndHead(ContainerRequestContext request) {
        String method = request.getMethod();
        if (method.equals("GET") || method.equals("HEAD")) {
            return null;
        }
        return RestResponse.ResponseBuilder.create(RestResponse.Status.METHOD_NOT_ALLOWED,
                "405 Method Not Allowed: use GET or HEAD\n")
                .header(HttpHeaders.ALLOW, ALLOWED).type(MediaType.TEXT_PLAIN_TYPE).build();
    }

    @ServerExceptionMapper
    public RestResponse<String> badPop(InvalidPopException e) {
        return text(400, e.getMessage());
    }

    @ServerExceptionMapper
    public RestResponse<String> badPath(BadRequestPathException e) {
        return text(400, e.getMessage());
    }

    @ServerExceptionMapper
    public RestResponse<String> origin(OriginException e) {
        LOG.warnf("%s (%s)", e.getMessage(), e.getCause() == null ? "timeout" : e.getCause().toString());
        return text(e.status(), e.getMessage());
    }

    @ServerExceptionMapper
    public RestResponse<String> unexpected(RuntimeException e) {
        LOG.error("Unexpected error", e);
        return text(500, "Internal error");
    }

    private static RestResponse<String> text(int status, String message) {
        return RestResponse.ResponseBuilder.<String> create(status).entity(status + " " + message + "\n")
                .type(MediaType.TEXT_PLAIN_TYPE).build();
    }
}
