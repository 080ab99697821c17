package dev.originedge.proxy;

import dev.originedge.origin.Origin;
import dev.originedge.origin.OriginRequest;
import io.vertx.core.MultiMap;

/**
 * An error status on its way to the client, which a directory redirect, the single-page app's document or an
 * error page may still replace.
 *
 * @param headers the origin's headers for it; null when no origin answered (or its answer was unusable)
 * @param answer  the request whose answer it is; null when no origin answered
 * @param sides   the origin the site's extra requests go to; null when it could not be reached
 * @param message the plain-text line the client gets when nothing replaces it
 */
record PendingError(int status, MultiMap headers, OriginRequest answer, Origin sides, String message) {
}
