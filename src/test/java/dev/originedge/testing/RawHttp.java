package dev.originedge.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Sends a request exactly as written (request line and headers byte for byte), for what ordinary HTTP clients
 * refuse or "fix": dot segments, absolute-form targets, raw reserved characters, forged Host headers.
 */
public final class RawHttp {

    public record Response(int status, Map<String, String> headers, String body) {
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private RawHttp() {
    }

    public static Response get(int port, String target, String... extraHeaderLines) throws IOException {
        StringBuilder request = new StringBuilder("GET " + target + " HTTP/1.1\r\n");
        boolean hasHost = false;
        for (String line : extraHeaderLines) {
            hasHost |= line.toLowerCase(Locale.ROOT).startsWith("host:");
            request.append(line).append("\r\n");
        }
        if (!hasHost) {
            request.append("Host: localhost:").append(port).append("\r\n");
        }
        request.append("Connection: close\r\n\r\n");
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            // UTF-8 so that a test can also send raw non-ASCII bytes in the target
            out.write(request.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
            return parse(socket.getInputStream());
        }
    }

    private static Response parse(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        in.transferTo(all);
        byte[] bytes = all.toByteArray();
        String latin = new String(bytes, StandardCharsets.ISO_8859_1); // 1 char per byte: indexes are offsets
        int split = latin.indexOf("\r\n\r\n");
        String head = split < 0 ? latin : latin.substring(0, split);
        String[] lines = head.split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, String> headers = new TreeMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.put(lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT),
                    lines[i].substring(colon + 1).strip());
        }
        String body = split < 0 ? "" : latin.substring(split + 4);
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            body = unchunk(body);
        }
        return new Response(status, headers, new String(body.getBytes(StandardCharsets.ISO_8859_1),
                StandardCharsets.UTF_8));
    }

    private static String unchunk(String chunked) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (true) {
            int eol = chunked.indexOf("\r\n", i);
            int size = Integer.parseInt(chunked.substring(i, eol).split(";")[0].strip(), 16);
            if (size == 0) {
                return out.toString();
            }
            out.append(chunked, eol + 2, eol + 2 + size);
            i = eol + 2 + size + 2;
        }
    }
}
