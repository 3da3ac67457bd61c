package dev.voicemail.api;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.netty.handler.codec.http.HttpMessageDecoderResult;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Refuses a request line longer than {@code voicemail.limits.max-request-line} (JSON 414) or
 * headers larger than {@code voicemail.limits.max-headers} (JSON 431), first of every route.
 * Vert.x's HTTP codec would answer these itself with an empty body, and Quarkus 3.34 offers no hook
 * to its {@code invalidRequestHandler}; so the codec's own bounds
 * ({@code quarkus.http.limits.max-initial-line-length}, {@code max-header-size}) are set well above
 * ours and the sizes the codec measured are checked here. Above the codec's bounds the empty answer
 * remains (docs/security.md, "Answers from the HTTP layer").
 */
@ApplicationScoped
public class RequestHeadLimits {

    void install(@Observes Router router, LimitsConfig limits) {
        long lineLimit = limits.maxRequestLine().asLongValue();
        long headersLimit = limits.maxHeaders().asLongValue();
        String lineBody = "{\"error\":\"uri_too_long\",\"message\":\"the request line is longer than " + lineLimit + " bytes\"}";
        String headersBody = "{\"error\":\"headers_too_large\",\"message\":\"the request headers are larger than "
                + headersLimit + " bytes\"}";
        router.route().order(Integer.MIN_VALUE).handler(ctx -> {
            // HTTP/1.x only: the codec's measure of this request; HTTP/2 headers are bounded by its own settings
            if (ctx.request().decoderResult() instanceof HttpMessageDecoderResult measured) {
                if (measured.initialLineLength() > lineLimit) {
                    refuse(ctx, 414, lineBody);
                    return;
                }
                if (measured.headerSize() > headersLimit) {
                    refuse(ctx, 431, headersBody);
                    return;
                }
            }
            ctx.next();
        });
    }

    static void refuse(RoutingContext ctx, int status, String body) {
        // the connection is closed afterwards, as the codec does: what follows this request is not read
        ctx.response().setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .putHeader(HttpHeaders.CONNECTION, "close")
                .end(body)
                .onComplete(written -> ctx.request().connection().close());
    }
}
