package dev.originedge.testing;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * An origin that answers every request with a redirect, as S3 does when the endpoint or region is wrong
 * (S3Proxy never redirects, so this stands in for that one misconfiguration).
 */
public final class Redirector implements AutoCloseable {

    private static final byte[] RESPONSE = ("HTTP/1.1 307 Temporary Redirect\r\n"
            + "Location: https://site.s3.elsewhere.example.com/hello.txt\r\n"
            + "Content-Type: application/xml\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII);

    private final ServerSocket server;

    public Redirector() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(() -> {
            while (!server.isClosed()) {
                try (Socket socket = server.accept()) {
                    InputStream in = socket.getInputStream();
                    // Read the request head, then answer.
                    int state = 0;
                    while (state < 4) {
                        int b = in.read();
                        if (b < 0) {
                            break;
                        }
                        state = (b == '\r' && state % 2 == 0) || (b == '\n' && state % 2 == 1) ? state + 1 : 0;
                    }
                    socket.getOutputStream().write(RESPONSE);
                } catch (IOException e) {
                    // closed, or a client that went away: next
                }
            }
        }, "redirector-" + server.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public int port() {
        return server.getLocalPort();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
