package dev.originedge.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * What a client really receives on one connection, without an HTTP library that would hide it: the bytes, and
 * whether the proxy closed the connection (end of stream) or left it open until the read timeout. This is how
 * the tests tell a broken transfer from a complete one.
 */
public record RawExchange(byte[] bytes, boolean closedByProxy) {

    /** Sends {@code request} as written and reads until the proxy closes or {@code waitMillis} pass in silence. */
    public static RawExchange send(int port, String request, int waitMillis) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(waitMillis);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            byte[] buffer = new byte[65536];
            try {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    all.write(buffer, 0, n);
                }
                return new RawExchange(all.toByteArray(), true);
            } catch (SocketTimeoutException e) {
                return new RawExchange(all.toByteArray(), false);
            } catch (IOException e) {
                return new RawExchange(all.toByteArray(), true); // reset by the proxy: closed too
            }
        }
    }

    public static String get(String target, String... headerLines) {
        StringBuilder request = new StringBuilder("GET " + target + " HTTP/1.1\r\nHost: edge.test\r\n");
        for (String line : headerLines) {
            request.append(line).append("\r\n");
        }
        return request.append("\r\n").toString();
    }

    public String text() {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    public String head() {
        String text = text();
        int end = text.indexOf("\r\n\r\n");
        return end < 0 ? text : text.substring(0, end);
    }

    /** The bytes after the first response's head, as received (chunk framing included). */
    public String rawBody() {
        String text = text();
        int end = text.indexOf("\r\n\r\n");
        return end < 0 ? "" : text.substring(end + 4);
    }

    public int status() {
        String text = text();
        return text.startsWith("HTTP/") ? Integer.parseInt(text.substring(9, 12)) : -1;
    }

    /** A header of the first response, or null. */
    public String header(String name) {
        for (String line : head().split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).strip().equalsIgnoreCase(name)) {
                return line.substring(colon + 1).strip();
            }
        }
        return null;
    }

    public int responses() {
        int count = 0;
        for (int i = text().indexOf("HTTP/1."); i >= 0; i = text().indexOf("HTTP/1.", i + 1)) {
            count++;
        }
        return count;
    }

    @Override
    public String toString() {
        return (closedByProxy ? "[closed] " : "[open] ") + text().toLowerCase(Locale.ROOT);
    }
}
