package dev.originedge.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;

/**
 * Test clients that give up instead of hanging the build: every raw socket and every {@code java.net.http}
 * client of the suite comes from here. (RestAssured gets the same timeouts from Quarkus before each test:
 * {@code quarkus.http.test-timeout}, set in the pom; {@link HarnessTest} checks it. The last line of defence is
 * JUnit's default timeout, src/test/resources/junit-platform.properties.)
 */
public final class Timeouts {

    /** Connecting to a local server: instant unless something is badly wrong. */
    public static final Duration CONNECT = Duration.ofSeconds(10);
    /**
     * Silence on a connection after which a test client gives up: far above any wait a test expects (the suite's
     * edge.origin-timeout is 2 s, the tuned profile's 10 s), and what Quarkus gives RestAssured.
     */
    public static final Duration READ = Duration.ofSeconds(30);

    private Timeouts() {
    }

    /** A socket connected to the loopback {@code port}, whose reads fail after {@link #READ} of silence. */
    public static Socket socket(int port) throws IOException {
        return socket(port, (int) READ.toMillis());
    }

    /** A socket connected to the loopback {@code port}, whose reads fail after {@code readMillis} of silence. */
    public static Socket socket(int port, int readMillis) throws IOException {
        Socket socket = new Socket();
        try {
            socket.setSoTimeout(readMillis);
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), (int) CONNECT.toMillis());
            return socket;
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    /** A {@code java.net.http} client builder with a connect timeout. */
    public static HttpClient.Builder httpClientBuilder() {
        return HttpClient.newBuilder().connectTimeout(CONNECT);
    }

    public static HttpClient httpClient() {
        return httpClientBuilder().build();
    }

    /** A request that fails with {@code HttpTimeoutException} when no response comes within {@link #READ}. */
    public static HttpRequest.Builder request(String uri) {
        return HttpRequest.newBuilder(URI.create(uri)).timeout(READ);
    }
}
