package dev.voicemail.console;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.spi.ResteasyReactiveContainerRequestContext;

import io.vertx.ext.web.RoutingContext;

/**
 * Keeps the console's CSRF check (quarkus-rest-csrf, whose filter sees every endpoint) off the API: a
 * form-typed body sent outside /console (e.g. {@code curl -d ''} to {@code POST /v1/rules/reload}) is
 * relabelled as opaque bytes before that filter reads it, so the API answers it as it always did (a JSON
 * endpoint: 415; one without a body: as usual) instead of an empty 400. The API takes no cookie, so no
 * CSRF check belongs there.
 */
public class ApiBodiesOutsideTheConsole {

    @ServerRequestFilter(preMatching = true, priority = 1)
    public void relabel(ResteasyReactiveContainerRequestContext request, RoutingContext context) {
        if (ConsoleSessionMechanism.isConsole(context)) {
            return;
        }
        MediaType type = request.getMediaType();
        if (type != null && (type.isCompatible(MediaType.APPLICATION_FORM_URLENCODED_TYPE)
                || type.isCompatible(MediaType.MULTIPART_FORM_DATA_TYPE))) {
            request.getHeaders().putSingle(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_OCTET_STREAM);
        }
    }
}
