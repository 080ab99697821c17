package dev.originedge.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP relay in front of a real origin, on a fixed port, that a test can slow down (a delay before each
 * chunk the origin sends back: a far-away or overloaded region), kill (the listener and every connection
 * close at once: the region goes down, connections are refused) and revive on the same port.
 */
public final class Relay implements AutoCloseable {

    private final int targetPort;
    private final int port;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private volatile ServerSocket server;
    private volatile long delayMillis;

    public Relay(int targetPort) throws IOException {
        this.targetPort = targetPort;
        this.server = listen(0);
        this.port = server.getLocalPort();
    }

    public int port() {
        return port;
    }

    public void delay(long millis) {
        delayMillis = millis;
    }

    /** The region goes down: no listener, every connection reset. */
    public synchronized void kill() throws IOException {
        server.close();
        for (Socket socket : sockets) {
            try {
                socket.setSoLinger(true, 0);
            } catch (java.net.SocketException alreadyClosed) {
                // its pump closed it a moment ago: nothing left to reset
            }
            socket.close();
        }
        sockets.clear();
    }

    public synchronized void revive() throws IOException {
        if (server.isClosed()) {
            server = listen(port);
        }
    }

    private ServerSocket listen(int onPort) throws IOException {
        ServerSocket listener = new ServerSocket();
        listener.setReuseAddress(true);
        listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), onPort), 200);
        Thread acceptor = new Thread(() -> {
            while (!listener.isClosed()) {
                try {
                    Socket client = listener.accept();
                    Socket origin = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                    sockets.add(client);
                    sockets.add(origin);
                    pump(client, origin, false);
                    pump(origin, client, true);
                } catch (IOException e) {
                    // closed (killed), or the origin refused: the client connection just ends
                }
            }
        }, "relay-" + listener.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
        return listener;
    }

    private void pump(Socket from, Socket to, boolean delayed) {
        Thread t = new Thread(() -> {
            byte[] buffer = new byte[16384];
            try {
                InputStream in = from.getInputStream();
                OutputStream out = to.getOutputStream();
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    long delay = delayMillis;
                    if (delayed && delay > 0) {
                        Thread.sleep(delay);
                    }
                    out.write(buffer, 0, n);
                    out.flush();
                }
                to.shutdownOutput();
            } catch (IOException | InterruptedException e) {
                closeQuietly(from);
                closeQuietly(to);
            } finally {
                sockets.remove(from);
            }
        }, "relay-pump");
        t.setDaemon(true);
        t.start();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already gone
        }
    }

    @Override
    public void close() throws IOException {
        kill();
    }
}
