package dev.originedge.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A misbehaving origin on a raw socket, for what S3Proxy never does. The request path's last segment picks
 * the fault:
 * <ul>
 * <li>{@code half-length}: {@code Content-Length: 100}, 3 bytes, close;</li>
 * <li>{@code half-chunked}: chunked, one 5-byte chunk ({@code hello}), close without the last chunk;</li>
 * <li>{@code reset-body}: {@code Content-Length: 100}, 3 bytes, then a TCP reset;</li>
 * <li>{@code stall-body}: {@code Content-Length: 100}, 3 bytes, then nothing (the socket stays open);</li>
 * <li>{@code stall-error}: the same after a {@code 500} head: an error body the proxy reads for its log;</li>
 * <li>{@code big-body}: 64 MiB of zeros, written as fast as the reader takes them;</li>
 * <li>{@code no-length}: a body delimited by closing the connection (no length, not chunked);</li>
 * <li>{@code hold}: no answer; counts the requests whose connection the proxy closes ({@link #abandoned()});</li>
 * <li>{@code hop-headers}: a {@code Connection} header that names another header;</li>
 * <li>{@code provider-headers}: {@code 200} with what storage providers add ({@link #PROVIDER_HEADERS}), a
 * {@code Set-Cookie}, an {@code Alt-Svc} (the origin's own HTTP/3 endpoint), and every header a cache relies on
 * ({@link #CACHE_HEADERS});</li>
 * <li>{@code status-NNN}: that status with an S3-style error body ({@code <Code>FaultCodeNNN</Code>}), and the
 * headers a CDN-fronted origin adds ({@code Surrogate-Control}, {@code CDN-Cache-Control}, {@code Alt-Svc});</li>
 * <li>{@code keep-alive}: a 2-byte body on a keep-alive connection; the next request on that connection is
 * read and then the connection closed without an answer, as an origin does when its keep-alive timeout hits
 * just as a request arrives;</li>
 * <li>{@code index.html}: {@code 404}, S3's NoSuchKey (no directory here has an index document);</li>
 * <li>{@code fresh}: {@code 200} with {@code Cache-Control: max-age=60}, an ETag and a short body;
 * {@code fresh-chunked} the same, chunked; {@code fresh-slow} 300 ms before the head, then 4 MiB
 * ({@link #slowBody}); {@code fresh-half} declares 100 bytes, sends 3 and closes; {@code fresh-206} a
 * {@code 206} with freshness; {@code fresh-nostore}, {@code fresh-private}, {@code fresh-cookie} and
 * {@code fresh-vary} with freshness and a reason not to store: the edge cache's cases
 * ({@link #requests(String)} counts per path);</li>
 * <li>anything else: {@code 200 ok}.</li>
 * </ul>
 * None of its responses carries a {@code Date}.
 */
public final class FaultOrigin implements AutoCloseable {

    /** Headers of S3, B2, GCS, Azure and OSS responses, and a web server's {@code Server}. */
    public static final java.util.Map<String, String> PROVIDER_HEADERS = java.util.Map.ofEntries(
            java.util.Map.entry("x-amz-request-id", "4442587FB7D0A2F9"),
            java.util.Map.entry("x-amz-id-2", "vlR7PnpV2Ce81l0PRw6jlUpck7Jo5ZsQjryTjKlc5aLWGVHPZLj5NeC6qMa0em="),
            java.util.Map.entry("x-amz-server-side-encryption", "AES256"),
            java.util.Map.entry("x-amz-storage-class", "STANDARD_IA"),
            java.util.Map.entry("x-amz-delete-marker", "false"),
            java.util.Map.entry("x-amz-version-id", "3HL4kqtJlcpXroDTDmJ"),
            java.util.Map.entry("x-amz-meta-owner", "team-web"),
            java.util.Map.entry("x-bz-content-sha1", "da39a3ee5e6b4b0d3255bfef95601890afd80709"),
            java.util.Map.entry("x-goog-generation", "1360887697105000"),
            java.util.Map.entry("x-guploader-uploadid", "ADPycdu"),
            java.util.Map.entry("x-ms-request-id", "9b5e1f2a"),
            java.util.Map.entry("x-oss-request-id", "534B371674E88A4D8906008B"),
            java.util.Map.entry("Server", "AmazonS3"));
    /** What the provider-headers answer carries that a cache or browser relies on: never stripped. */
    public static final java.util.Map<String, String> CACHE_HEADERS = java.util.Map.of(
            "ETag", "\"fault-etag\"", "Last-Modified", "Wed, 21 Oct 2015 07:28:00 GMT", "Content-Type", "text/plain",
            "Cache-Control", "max-age=120", "Expires", "Wed, 21 Oct 2037 07:28:00 GMT", "Vary", "Accept-Encoding",
            "Accept-Ranges", "bytes", "Content-Encoding", "identity");

    /** The origin's own HTTP/3 endpoint: the edge's clients must not be sent there. */
    public static final String ALT_SVC = "h3=\":443\"; ma=86400";

    private final ServerSocket server;
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    /** Connections that answered a {@code keep-alive} request and wait for the next one, to close under it. */
    private final List<Socket> keptAlive = new CopyOnWriteArrayList<>();
    private final AtomicInteger requests = new AtomicInteger();
    private final java.util.Map<String, AtomicInteger> byPath = new java.util.concurrent.ConcurrentHashMap<>();
    private final AtomicInteger closedUnanswered = new AtomicInteger();
    private final AtomicInteger abandoned = new AtomicInteger();
    private final String fixedFault;

    /** Faults chosen by the request path. */
    public FaultOrigin() throws IOException {
        this(null);
    }

    /** The same fault for every request, whatever the path (an origin that is down in its own way). */
    public FaultOrigin(String fixedFault) throws IOException {
        this.fixedFault = fixedFault;
        server = new ServerSocket(0, 1024, InetAddress.getLoopbackAddress()); // hundreds of connects at once
        Thread acceptor = new Thread(() -> {
            while (!server.isClosed()) {
                try {
                    Socket socket = server.accept();
                    open.add(socket);
                    Thread worker = new Thread(() -> serve(socket), "fault-origin-conn");
                    worker.setDaemon(true);
                    worker.start();
                } catch (IOException e) {
                    return;
                }
            }
        }, "fault-origin-" + server.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public int port() {
        return server.getLocalPort();
    }

    /** Requests read so far. */
    public int requests() {
        return requests.get();
    }

    /** Requests read so far for this path (the request target without its query). */
    public int requests(String path) {
        AtomicInteger n = byPath.get(path);
        return n == null ? 0 : n.get();
    }

    /** The 4 MiB body of {@code fresh-slow}: byte i is {@code i % 251}. */
    public static byte[] slowBody() {
        byte[] body = new byte[4 << 20];
        for (int i = 0; i < body.length; i++) {
            body[i] = (byte) (i % 251);
        }
        return body;
    }

    /** Requests on a kept-alive connection that were closed without an answer. */
    public int closedUnanswered() {
        return closedUnanswered.get();
    }

    /** {@code hold} requests whose connection the proxy closed while waiting for the answer. */
    public int abandoned() {
        return abandoned.get();
    }

    private void serve(Socket socket) {
        try (socket) {
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            boolean answeredOne = false;
            while (true) {
                String head = readHead(in);
                if (head == null) {
                    return;
                }
                requests.incrementAndGet();
                if (answeredOne) {
                    closedUnanswered.incrementAndGet();
                    return; // the keep-alive connection "timed out" just as this request came
                }
                String target = head.substring(head.indexOf(' ') + 1, head.indexOf(' ', head.indexOf(' ') + 1));
                String path = target.indexOf('?') < 0 ? target : target.substring(0, target.indexOf('?'));
                byPath.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
                String fault = fixedFault != null ? fixedFault : path.substring(path.lastIndexOf('/') + 1);
                if (fault.equals("hold")) {
                    if (in.read() < 0) {
                        abandoned.incrementAndGet(); // the proxy gave the request up
                    }
                    return;
                }
                if (fault.equals("keep-alive")) {
                    write(out, "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 2\r\n\r\nok");
                    answeredOne = true;
                    keptAlive.add(socket);
                    continue;
                }
                answer(fault, socket, out);
                return;
            }
        } catch (IOException e) {
            // the proxy went away: fine
        } finally {
            open.remove(socket);
            keptAlive.remove(socket);
        }
    }

    /**
     * Closes the kept-alive connections still waiting: each would otherwise fail whatever request the proxy
     * sends on it next, also another test's. Returns once the proxy had a moment to see them close.
     */
    public void closeKeptAlive() throws IOException, InterruptedException {
        for (Socket socket : keptAlive) {
            socket.close();
        }
        Thread.sleep(200);
    }

    private void answer(String fault, Socket socket, OutputStream out) throws IOException {
        switch (fault) {
            case "half-length" -> write(out, "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 100\r\n\r\nabc");
            case "half-chunked" -> write(out,
                    "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n");
            case "reset-body" -> {
                write(out, "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 100\r\n\r\nabc");
                sleep(100);
                socket.setSoLinger(true, 0); // close() now sends RST
            }
            case "stall-body" -> {
                write(out, "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 100\r\n\r\nabc");
                sleep(120_000); // until the proxy gives up (or the test ends)
            }
            case "stall-error" -> {
                write(out, "HTTP/1.1 500 Internal Error\r\nContent-Type: application/xml\r\nContent-Length: 100\r\n\r\n<Er");
                sleep(120_000);
            }
            case "big-body" -> {
                // 64 MiB as fast as the proxy takes it: back-pressure holds this thread in write()
                write(out, "HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nContent-Length: "
                        + (64 << 20) + "\r\n\r\n");
                byte[] chunk = new byte[65536];
                for (int i = 0; i < 1024; i++) {
                    out.write(chunk);
                }
            }
            case "fresh" -> fresh(out, "200 OK", "", "fresh " + socket.getLocalPort() + "\n");
            case "fresh-chunked" -> write(out, "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nCache-Control: max-age=60\r\n"
                    + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n5\r\nchunk\r\n5\r\ned ok\r\n0\r\n\r\n");
            case "fresh-slow" -> {
                sleep(300);
                write(out, "HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nCache-Control: max-age=60\r\n"
                        + "Content-Length: " + (4 << 20) + "\r\nConnection: close\r\n\r\n");
                out.write(SLOW_BODY);
                out.flush();
            }
            case "fresh-half" -> write(out, "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nCache-Control: max-age=60\r\n"
                    + "Content-Length: 100\r\nConnection: close\r\n\r\nabc");
            case "fresh-206" -> write(out, "HTTP/1.1 206 Partial Content\r\nContent-Type: text/plain\r\n"
                    + "Cache-Control: max-age=60\r\nContent-Range: bytes 0-3/10\r\nContent-Length: 4\r\n"
                    + "Connection: close\r\n\r\nabcd");
            case "fresh-nostore" -> fresh(out, "200 OK", "Cache-Control: no-store\r\n", "not for storing\n");
            case "fresh-private" -> fresh(out, "200 OK", "Cache-Control: private\r\n", "for one user\n");
            case "fresh-cookie" -> fresh(out, "200 OK", "Set-Cookie: s=1\r\n", "with a cookie\n");
            case "fresh-vary" -> fresh(out, "200 OK", "Vary: User-Agent\r\n", "varies\n");
            case "no-length" -> write(out, "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\n"
                    + "delimited by close\n");
            case "provider-headers" -> {
                StringBuilder head = new StringBuilder("HTTP/1.1 200 OK\r\n");
                PROVIDER_HEADERS.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
                CACHE_HEADERS.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
                write(out, head + "Set-Cookie: AWSALB=abc; Path=/\r\nAlt-Svc: " + ALT_SVC
                        + "\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok");
            }
            case "hop-headers" -> write(out, "HTTP/1.1 200 OK\r\nConnection: close, X-Hop-Secret\r\n"
                    + "X-Hop-Secret: for-the-proxy-only\r\nX-End-To-End: kept\r\nContent-Length: 2\r\n\r\nok");
            case "index.html" -> {
                String body = "<Error><Code>NoSuchKey</Code></Error>";
                write(out, "HTTP/1.1 404 Not Found\r\nContent-Type: application/xml\r\nContent-Length: "
                        + body.length() + "\r\nConnection: close\r\n\r\n" + body);
            }
            default -> {
                if (fault.startsWith("status-")) {
                    int status = Integer.parseInt(fault.substring(7));
                    String body = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>FaultCode" + status
                            + "</Code><Message>fault origin</Message><AWSAccessKeyId>FAULT-KEY-ID</AWSAccessKeyId></Error>";
                    write(out, "HTTP/1.1 " + status + " Fault\r\nContent-Type: application/xml\r\nContent-Length: "
                            + body.length() + "\r\nRetry-After: 7\r\nSurrogate-Control: max-age=3600\r\n"
                            + "CDN-Cache-Control: max-age=3600\r\nAlt-Svc: " + ALT_SVC + "\r\n"
                            + (status == 416 ? "Content-Range: bytes */100\r\n" : "") + "Connection: close\r\n\r\n" + body);
                } else {
                    write(out, "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok");
                }
            }
        }
    }

    private static final byte[] SLOW_BODY = slowBody();

    /** A 200 with freshness (60 s) unless {@code extra} says otherwise (a second Cache-Control comes first). */
    private static void fresh(OutputStream out, String status, String extra, String body) throws IOException {
        String cacheControl = extra.startsWith("Cache-Control") ? "" : "Cache-Control: max-age=60\r\n";
        write(out, "HTTP/1.1 " + status + "\r\nContent-Type: text/plain\r\n" + extra + cacheControl
                + "ETag: \"f1\"\r\nContent-Length: " + body.length() + "\r\nConnection: close\r\n\r\n" + body);
    }

    /** The request head, or null when the connection ended first. */
    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int state = 0;
        while (state < 4) {
            int b = in.read();
            if (b < 0) {
                return null;
            }
            head.write(b);
            state = (b == '\r' && state % 2 == 0) || (b == '\n' && state % 2 == 1) ? state + 1 : b == '\r' ? 1 : 0;
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket socket : open) {
            socket.close();
        }
    }
}
