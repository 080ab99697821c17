package dev.originedge.telemetry;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

/**
 * One line per proxied request through its own logger category, {@code dev.originedge.access} (on at INFO;
 * switch it off or route it with ordinary Quarkus log settings). The path only, never the query string (which
 * can carry tokens), and no request header at all: no credential, signature or cookie can reach it.
 * Built with a plain StringBuilder: it runs once per request on the event loop, where String.format costs more
 * than the rest of the line's work together.
 */
@ApplicationScoped
public class AccessLog {

    static final Logger LOG = Logger.getLogger("dev.originedge.access");

    public void finished(ExchangeSummary s) {
        if (!LOG.isInfoEnabled()) {
            return;
        }
        StringBuilder line = new StringBuilder(160)
                .append(s.method()).append(' ').append(s.path())
                .append(" pop=").append(s.pop())
                .append(" origin=").append(s.origin())
                .append(" status=").append(s.status())
                .append(" bytes=").append(s.bytes())
                .append(" duration_ms=");
        millis(line, s.durationNanos());
        line.append(" ttfb_ms=");
        if (s.ttfbNanos() < 0) {
            line.append('-');
        } else {
            millis(line, s.ttfbNanos());
        }
        line.append(" attempts=").append(s.attempts())
                .append(" client_abort=").append(s.clientAbort() ? "yes" : "no");
        if (s.originAbort()) {
            line.append(" origin_abort=yes");
        }
        LOG.info(line);
    }

    /** Milliseconds with one decimal, rounded half up (what %.1f printed). */
    static void millis(StringBuilder line, long nanos) {
        long tenths = (nanos + 50_000) / 100_000;
        line.append(tenths / 10).append('.').append(tenths % 10);
    }
}
