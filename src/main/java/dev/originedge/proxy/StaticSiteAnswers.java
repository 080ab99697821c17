package dev.originedge.proxy;


import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import dev.originedge.origin.OriginRequest;
import dev.originedge.site.ErrorPages;
import dev.originedge.site.SiteRules;
import io.vertx.core.AsyncResult;
import io.vertx.core.http.HttpClientResponse;

/**
 * The site's answers to an error status, each at most once and in this order: a directory redirect
 * ({@code /docs} -> {@code /docs/} when {@code docs/index.html} exists), the single-page app's document, then an
 * error page ({@link SiteRules}, {@link ErrorPages}). Each is one more signed request to the origin that gave the
 * answer, without the client's range or conditional headers, within what is left of the request's budget; none
 * of them recurses, and an origin that could not be reached gets no more requests (only an inline page).
 */
@Singleton
public class StaticSiteAnswers implements SiteAnswers {

    private static final Logger LOG = Logger.getLogger(StaticSiteAnswers.class);

    private final SiteRules site;
    private final ErrorPages errorPages;
    private final OriginRequests requests;
    private final OriginAttempts attempts;
    private final ClientResponses responses;
    private final Drain drain;

    @Inject
    public StaticSiteAnswers(SiteRules site, ErrorPages errorPages, OriginRequests requests, OriginAttempts attempts,
            ClientResponses responses, Drain drain) {
        this.site = site;
        this.errorPages = errorPages;
        this.requests = requests;
        this.attempts = attempts;
        this.responses = responses;
        this.drain = drain;
    }

    @Override
    public void answer(Exchange exchange, PendingError error) {
        new Steps(exchange, error).directory();
    }

    /** One error's way through the steps. */
    private final class Steps {
        private final Exchange exchange;
        private final PendingError error;

        Steps(Exchange exchange, PendingError error) {
            this.exchange = exchange;
            this.error = error;
        }

        void directory() {
            if (error.sides() != null && error.sides().provider().bucket()
                    && site.probesDirectory(exchange.incoming().path(), error.status())) {
                ask(exchange.key().indexBelow(site.indexDocument()), "HEAD", (request, found) -> {
                    drain.discard(found);
                    String location = SiteRules.location(exchange.incoming().path(), exchange.key().encoded(),
                            exchange.incoming().query());
                    if (location != null) {
                        responses.directoryRedirect(exchange, request, location);
                    } else {
                        fallback(); // "//host" would send the client to another site
                    }
                }, this::fallback);
            } else {
                fallback();
            }
        }

        private void fallback() {
            String method = exchange.incoming().method().name();
            if (error.sides() != null && site.fallsBack(method, exchange.key().path(), error.status())) {
                ask(KeyPath.ofKey(site.fallbackDocument()), method,
                        (request, found) -> responses.object(exchange, request, found, 200), this::errorPage);
            } else {
                errorPage();
            }
        }

        private void errorPage() {
            ErrorPages.Page page = errorPages.forStatus(error.status());
            if (page != null && page.objectKey() != null && error.sides() != null) {
                ask(KeyPath.ofKey(page.objectKey()), exchange.incoming().method().name(),
                        (request, found) -> responses.errorObject(exchange, error, page, request, found),
                        () -> responses.plainError(exchange, error, page));
            } else {
                responses.plainError(exchange, error, page);
            }
        }

        /** One more request to the origin that answered; {@code found} gets a {@code 2xx}, else {@code missing} runs. */
        private void ask(KeyPath key, String method, Found found, Runnable missing) {
            OriginRequest request = requests.extra(error.sides(), method, key, exchange.pop());
            exchange.inFlight(attempts.single(request, exchange.deadline(), result -> {
                exchange.inFlight(null);
                HttpClientResponse response = response(request, result);
                if (response != null && response.statusCode() >= 200 && response.statusCode() < 300) {
                    found.accept(request, response);
                } else {
                    if (response != null) {
                        drain.discard(response);
                    }
                    missing.run();
                }
            }));
        }

        private HttpClientResponse response(OriginRequest request, AsyncResult<HttpClientResponse> result) {
            if (result.failed()) {
                LOG.debugf("Site request to origin %s failed: %s", request.origin().name(),
                        result.cause().getMessage());
                return null;
            }
            return result.result();
        }
    }

    @FunctionalInterface
    private interface Found {
        void accept(OriginRequest request, HttpClientResponse response);
    }
}
