package dev.originedge.proxy;

import java.net.InetSocketAddress;
import java.util.Iterator;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

import dev.originedge.config.EdgeConfig;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoop;
import io.netty.channel.ServerChannel;
import io.netty.channel.SingleThreadEventLoop;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import io.quarkus.vertx.http.HttpServerStart;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.impl.VertxInternal;
import io.vertx.core.net.impl.ConnectionBase;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code edge.request-header-timeout}: a client must send a complete request head within this time, counted from
 * the moment its connection is accepted and, on a kept-alive HTTP/1.1 connection, from the end of the previous
 * response; else the connection is closed (slowloris). The server's idle timeout cannot do this: a byte a second
 * keeps a connection from ever being idle.
 * <p>
 * Vert.x 4 has no such setting and Quarkus owns the HTTP server (its connection handler included), so the
 * timer lives in Netty: once the server listens, a small handler on each listening channel gives every accepted
 * connection a {@link Deadline} at the socket end of its pipeline, armed when the connection becomes active. The
 * first route of the router ({@link ProxyRoute}) cancels it when a request head has arrived, and re-arms it when
 * that response has ended. HTTP/2 connections carry many streams at once: their first request cancels it for
 * good (the idle timeout covers them). Connections of the management interface, whose router this is not, are
 * left alone.
 */
@ApplicationScoped
public class RequestHeadDeadline {

    private static final Logger LOG = Logger.getLogger(RequestHeadDeadline.class);
    private static final String ACCEPTOR = "edge-request-head-deadline-acceptor";
    private static final String DEADLINE = "edge-request-head-deadline";

    @Inject
    Vertx vertx;
    @Inject
    EdgeConfig config;

    /** Fired (asynchronously) once the main HTTP server listens. */
    void listening(@ObservesAsync HttpServerStart start) {
        long millis = config.requestHeaderTimeout().toMillis();
        int port = start.options().getPort();
        Set<Integer> management = managementPorts();
        for (EventExecutor executor : ((VertxInternal) vertx).getAcceptorEventLoopGroup()) {
            if (executor instanceof SingleThreadEventLoop loop) {
                loop.execute(() -> hook(loop, port, management, millis));
            }
        }
    }

    private static void hook(SingleThreadEventLoop loop, int port, Set<Integer> management, long millis) {
        for (Iterator<Channel> it = loop.registeredChannelsIterator(); it.hasNext();) {
            Channel channel = it.next();
            if (!(channel instanceof ServerChannel) || channel.pipeline().get(ACCEPTOR) != null) {
                continue;
            }
            int local = channel.localAddress() instanceof InetSocketAddress a ? a.getPort() : -1;
            // A random port (0, as in the tests) is only known once bound: then every server but management's.
            if (port > 0 ? local == port : !management.contains(local)) {
                channel.pipeline().addFirst(ACCEPTOR, new Acceptor(millis));
                LOG.debugf("Request heads must arrive within %d ms on %s", millis, channel.localAddress());
            }
        }
    }

    private static Set<Integer> managementPorts() {
        var c = ConfigProvider.getConfig();
        if (!c.getOptionalValue("quarkus.management.enabled", Boolean.class).orElse(false)) {
            return Set.of();
        }
        return Set.of(c.getOptionalValue("quarkus.management.port", Integer.class).orElse(9000),
                c.getOptionalValue("quarkus.management.test-port", Integer.class).orElse(9001));
    }

    /** A request head arrived: no deadline while it is answered; the next head gets one when the response ends. */
    static void headArrived(RoutingContext context) {
        HttpConnection connection = context.request().connection();
        Optional<Deadline> found = deadline(connection);
        if (found.isEmpty()) {
            return;
        }
        Deadline deadline = found.get();
        Channel channel = ((ConnectionBase) connection).channel();
        onLoop(channel, deadline::cancel);
        if (context.request().version() == HttpVersion.HTTP_2) {
            return;
        }
        context.addEndHandler(ended -> {
            if (ended.succeeded() && channel.isActive()) {
                onLoop(channel, () -> deadline.arm(channel));
            }
        });
    }

    private static Optional<Deadline> deadline(HttpConnection connection) {
        if (!(connection instanceof ConnectionBase base)) {
            return Optional.empty();
        }
        return Optional.ofNullable((Deadline) base.channel().pipeline().get(DEADLINE));
    }

    private static void onLoop(Channel channel, Runnable task) {
        EventLoop loop = channel.eventLoop();
        if (loop.inEventLoop()) {
            task.run();
        } else {
            loop.execute(task);
        }
    }

    /** On a listening channel: gives each accepted connection its deadline, ahead of Vert.x's own handlers. */
    @ChannelHandler.Sharable
    static final class Acceptor extends ChannelInboundHandlerAdapter {
        private final long millis;

        Acceptor(long millis) {
            this.millis = millis;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof Channel child) {
                child.pipeline().addLast(DEADLINE, new Deadline(millis));
            }
            ctx.fireChannelRead(msg);
        }
    }

    /** One connection's timer; touched on its event loop only. */
    static final class Deadline extends ChannelInboundHandlerAdapter {
        private final long millis;
        private ScheduledFuture<?> timer;

        Deadline(long millis) {
            this.millis = millis;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            arm(ctx.channel());
            ctx.fireChannelActive();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            cancel();
            ctx.fireChannelInactive();
        }

        void arm(Channel channel) {
            cancel();
            timer = channel.eventLoop().schedule(() -> {
                LOG.debugf("No complete request head from %s within %d ms: connection closed",
                        channel.remoteAddress(), millis);
                channel.close();
            }, millis, TimeUnit.MILLISECONDS);
        }

        void cancel() {
            if (timer != null) {
                timer.cancel(false);
                timer = null;
            }
        }
    }
}
