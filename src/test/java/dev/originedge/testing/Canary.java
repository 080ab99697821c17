package dev.originedge.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP listener that answers nothing. As a "slow origin" it makes the proxy time out; as a canary it counts
 * connections, proving that a request never reached a host that is not a configured origin.
 */
public final class Canary implements AutoCloseable {

    private final ServerSocket server;
    private final AtomicInteger connections = new AtomicInteger();

    public Canary() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(() -> {
            while (!server.isClosed()) {
                try {
                    Socket ignored = server.accept(); // held open, never answered
                    connections.incrementAndGet();
                } catch (IOException e) {
                    return;
                }
            }
        }, "canary-" + server.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public int port() {
        return server.getLocalPort();
    }

    public int connections() {
        return connections.get();
    }

    /** A loopback port with nothing listening: connections to it are refused. */
    public static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
