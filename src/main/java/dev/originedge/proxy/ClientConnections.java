package dev.originedge.proxy;

import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.net.impl.ConnectionBase;

/** Ending a client connection at once, whatever is still queued for it. */
final class ClientConnections {

    private ClientConnections() {
    }

    /**
     * HTTP/2: the stream is reset (the connection serves others). HTTP/1.x: the socket is closed with a TCP
     * reset. Vert.x's own close (and response reset) flushes what is queued first, which for a client that stopped
     * reading means never: the socket stayed open with megabytes queued until the client went away by itself.
     */
    static void abort(HttpServerRequest request) {
        if (request.version() == HttpVersion.HTTP_2 || !(request.connection() instanceof ConnectionBase base)) {
            request.response().reset();
            return;
        }
        Channel channel = base.channel();
        channel.config().setOption(ChannelOption.SO_LINGER, 0); // close() sends RST and drops the send queue
        channel.close();
    }
}
