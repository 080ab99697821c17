package dev.originedge.proxy;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import dev.originedge.origin.Origin;
import dev.originedge.origin.OriginAccess;
import dev.originedge.origin.OriginRequest;
import dev.originedge.origin.Provider;
import io.vertx.core.http.HttpClientResponse;

/**
 * Makes origin trouble visible without flooding the log: one WARN per origin and kind of trouble per
 * {@value #WINDOW_SECONDS} s, with the number of similar ones suppressed since. For an origin's {@code 400},
 * {@code 403} and {@code 5xx} it names S3's error code ({@code SignatureDoesNotMatch},
 * {@code InvalidAccessKeyId}, ...) read from the error body before that is dropped, so that a wrong key or
 * region shows at once. Only the code is logged: the rest of S3's document can name the access key id.
 */
@ApplicationScoped
public class OriginErrorLog {

    private static final Logger LOG = Logger.getLogger("dev.originedge.origin-errors");
    static final int WINDOW_SECONDS = 10;
    /** Enough for S3's {@code <Error><Code>} near the start; the rest of the body is only drained. */
    private static final int CODE_BYTES = 512;
    private static final Pattern CODE = Pattern.compile("<Code>([A-Za-z0-9.]{1,64})</Code>");

    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    @Inject
    Drain drain;

    /**
     * Reads the code from an error body and drains the rest (so that the connection can be reused), bounded by
     * {@code edge.idle-timeout} like every origin read.
     */
    public void errorStatus(HttpClientResponse response, OriginRequest request) {
        int status = response.statusCode();
        boolean logged = status == 400 || status == 401 || status == 403 || status >= 500;
        if (!logged) {
            drain.discard(response);
            return;
        }
        drain.read(response, CODE_BYTES, head -> {
            Matcher code = CODE.matcher(head.toString(StandardCharsets.ISO_8859_1));
            String name = request.origin().name();
            String found = code.find() ? code.group(1) : null;
            failure(name, String.valueOf(status), "Origin " + name + " answered " + status
                    + (found != null ? " " + found : request.origin().provider().s3Api() ? " (no S3 error code)" : "")
                    + hint(status, found, request.origin()));
        });
    }

    /** A request that got no response, an error status, or a body the origin broke off. */
    public void failure(String origin, String kind, String message) {
        Window window = windows.computeIfAbsent(origin + " " + kind, k -> new Window());
        long suppressed = window.admit(System.nanoTime());
        if (suppressed >= 0) {
            LOG.warn(suppressed == 0 ? message
                    : message + " (and " + suppressed + " more like it in the last " + WINDOW_SECONDS + " s)");
        }
    }

    private static String hint(int status, String code, Origin origin) {
        if (status == 400) {
            return origin.provider().s3Api() ? ": check the origin's region and endpoint" : "";
        }
        if (status != 401 && status != 403) {
            return "";
        }
        String property = "edge.origins." + origin.name() + ".";
        OriginAccess access = origin.access();
        if (access instanceof OriginAccess.SigV4) {
            // S3 answers a reader without s3:ListBucket AccessDenied for a key that does not exist.
            return "AccessDenied".equals(code)
                    ? ": a missing key in a private bucket, or the origin's key may not read it"
                    : ": check the origin's access key and secret";
        } else if (access instanceof OriginAccess.FixedQuery) {
            return ": check " + property + "sas-token (its permissions and expiry)";
        } else if (access instanceof OriginAccess.FixedHeader header) {
            return origin.provider() == Provider.B2_NATIVE ? ": check " + property + "download-token"
                    : ": check that the origin expects " + property + "edge-auth.secret in " + header.name();
        } else if (access instanceof OriginAccess.EdgeSignature) {
            return ": check that the origin verifies with " + property
                    + "edge-auth.secret and that both clocks are right";
        }
        return ": the origin does not let anyone read it; does it need credentials?";
    }

    /** One log line per window; counts what it holds back. */
    private static final class Window {
        private long opened = Long.MIN_VALUE;
        private long suppressed;

        /** -1 to hold the line back, else the number held back since the last line. */
        synchronized long admit(long now) {
            if (opened != Long.MIN_VALUE && now - opened < WINDOW_SECONDS * 1_000_000_000L) {
                suppressed++;
                return -1;
            }
            long held = suppressed;
            opened = now;
            suppressed = 0;
            return held;
        }
    }
}
