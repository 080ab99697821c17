package dev.originedge.proxy;

import dev.originedge.origin.Provider;

/** What an origin's status means for the client, by kind of origin. */
final class AnswerPolicy {

    enum Answer {
        /** Status, headers and body go to the client ({@code 2xx}, {@code 304}). */
        STREAM,
        /** A web app's own redirect (login, trailing slash): passed on, its Location kept at the edge. */
        WEB_REDIRECT,
        /** A bucket's redirect: S3 sends one only for a wrong endpoint or region; it would lead clients around us. */
        MISCONFIGURED,
        /** An error status: the site's answers (redirect, fallback, error page) may replace it. */
        ERROR
    }

    private AnswerPolicy() {
    }

    static Answer of(Provider provider, int status) {
        if (status >= 400) {
            return Answer.ERROR;
        }
        if (status >= 300 && status != 304) {
            return provider.bucket() ? Answer.MISCONFIGURED : Answer.WEB_REDIRECT;
        }
        return Answer.STREAM;
    }

    /** Whether this answer says anything about how fast an origin serves content (the latency ranking's input). */
    static boolean worthServing(Provider provider, int status) {
        Answer answer = of(provider, status);
        return answer == Answer.STREAM || answer == Answer.WEB_REDIRECT;
    }
}
