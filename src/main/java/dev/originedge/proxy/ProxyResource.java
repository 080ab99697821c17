package dev.originedge.proxy;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.Path;

import org.jboss.resteasy.reactive.RestMulti;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;

/** The catch-all endpoint: every path is an object key. No policy here; see {@link EdgeProxy}. */
@Path("/")
public class ProxyResource {

    @Inject
    EdgeProxy proxy;

    @GET
    @Path("{path:.*}")
    public RestMulti<Buffer> get(HttpServerRequest request) {
        return proxy.forward("GET", request);
    }

    @HEAD
    @Path("{path:.*}")
    public RestMulti<Buffer> head(HttpServerRequest request) {
        return proxy.forward("HEAD", request);
    }
}
