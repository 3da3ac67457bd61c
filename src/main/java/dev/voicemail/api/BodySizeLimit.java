package dev.voicemail.api;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;

/**
 * Refuses a body declared larger than {@code quarkus.http.limits.max-body-size} before reading any
 * of it, with our JSON error body. (Quarkus's own check, just after this one, answers with an empty
 * body; it still stops chunked uploads that pass the limit without declaring a length.)
 */
@ApplicationScoped
public class BodySizeLimit {

    void install(@Observes Router router,
                 @ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize max) {
        long limit = max.asLongValue();
        String body = "{\"error\":\"payload_too_large\",\"message\":\"the body is larger than " + limit
                + " bytes\"}";
        router.route().order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 1).handler(ctx -> {
            String length = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
            if (length != null && tooLong(length, limit)) {
                ctx.response().setStatusCode(413)
                        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                        .putHeader(HttpHeaders.CONNECTION, "close")
                        .end(body);
                return;
            }
            ctx.next();
        });
    }

    private static boolean tooLong(String length, long limit) {
        try {
            return Long.parseLong(length.trim()) > limit;
        } catch (NumberFormatException e) {
            return false; // Vert.x itself rejects a malformed Content-Length
        }
    }
}
