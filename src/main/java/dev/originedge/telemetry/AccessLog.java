package dev.originedge.telemetry;

import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

/**
 * One line per proxied request through its own logger category, {@code dev.originedge.access} (on at INFO;
 * switch it off or route it with ordinary Quarkus log settings). The path only, never the query string (which
 * can carry tokens), and no request header at all: no credential, signature or cookie can reach it.
 */
@ApplicationScoped
public class AccessLog {

    static final Logger LOG = Logger.getLogger("dev.originedge.access");

    public void finished(ExchangeSummary s) {
        if (!LOG.isInfoEnabled()) {
            return;
        }
        LOG.info(String.format(Locale.ROOT,
                "%s %s pop=%s origin=%s status=%d bytes=%d duration_ms=%.1f ttfb_ms=%s attempts=%d client_abort=%s%s",
                s.method(), s.path(), s.pop(), s.origin(), s.status(), s.bytes(), s.durationNanos() / 1e6,
                s.ttfbNanos() < 0 ? "-" : String.format(Locale.ROOT, "%.1f", s.ttfbNanos() / 1e6), s.attempts(),
                s.clientAbort() ? "yes" : "no", s.originAbort() ? " origin_abort=yes" : ""));
    }
}
