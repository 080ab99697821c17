package dev.originedge.proxy;

/**
 * What a static site answers instead of an error status: a directory redirect, the single-page app's document,
 * an error page, or in the end the error itself. Each step may ask the origin that answered once more.
 */
interface SiteAnswers {

    /** Answers the client for this error; the exchange is finished when it has its answer. */
    void answer(Exchange exchange, PendingError error);
}
