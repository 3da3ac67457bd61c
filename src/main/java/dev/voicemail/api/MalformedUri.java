package dev.voicemail.api;

import java.net.URI;
import java.net.URISyntaxException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Refuses a request whose URI does not parse (a bad %-escape, a space) with our JSON 400, first of
 * every route. Quarkus makes the same check before routing but answers with an empty body, so it is
 * turned off ({@code -Dvertx.disableURIValidation=true}, set by {@link dev.voicemail.Main} and the
 * test runs) and made here. A path Vert.x itself cannot decode fails the routing context with 400,
 * answered the same way.
 */
@ApplicationScoped
public class MalformedUri {

    static final String BODY = "{\"error\":\"invalid_uri\",\"message\":\"the request URI is malformed (a bad %-escape"
            + " or a character that must be escaped)\"}";

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(ctx -> {
            try {
                new URI(ctx.request().uri());
            } catch (URISyntaxException e) {
                refuse(ctx);
                return;
            }
            ctx.next();
        });
        router.errorHandler(400, ctx -> {
            if (!ctx.response().ended()) {
                refuse(ctx);
            }
        });
    }

    private static void refuse(RoutingContext ctx) {
        ctx.response().setStatusCode(400).putHeader(HttpHeaders.CONTENT_TYPE, "application/json").end(BODY);
    }
}
