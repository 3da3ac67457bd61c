package dev.voicemail.api;

import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.vertx.http.ManagementInterface;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Health and the OpenAPI document ({@code /q/health}, its {@code live}, {@code ready}, {@code started},
 * {@code well} and {@code group} checks, {@code /q/openapi} and its {@code .json}/{@code .yaml}/{@code .yml}
 * forms), and the metrics on the management interface ({@code /q/metrics}), are read-only, but their
 * Quarkus handlers answered every method with the document itself:
 * {@code DELETE /q/health} a 200 with the health JSON, {@code OPTIONS /q/openapi} a 404. Here a method
 * other than GET and HEAD is a JSON 405 with {@code Allow: GET, HEAD, OPTIONS}, and {@code OPTIONS} a
 * 204 with that {@code Allow}, as for the API's own paths ({@link MethodsOfAPath}, {@link ErrorMappers}).
 * The route matches the path as Vert.x routes it (normalised: {@code /q//health}, {@code /q/%68ealth} and
 * {@code /q/./health} are {@code /q/health}; a trailing slash too), so it covers what the handlers serve
 * and nothing more; the paths are Quarkus's defaults ({@code quarkus.http.non-application-root-path},
 * {@code quarkus.smallrye-health.*-path}, which this service leaves as they are; MethodsOfRespeltPathsTest
 * fails if a handler serves another path, or stops serving one of these).
 */
@ApplicationScoped
public class ReadOnlyEndpoints {

    static final String ALLOW = "GET, HEAD, OPTIONS";

    private static final Pattern PATHS = Pattern.compile(
            "/q/(health(/(live|ready|started|well|group(/[^/]+)?))?|openapi(\\.json|\\.yaml|\\.yml)?)/?");

    /** The management interface's: the metrics, which answered every method with the metrics too. */
    private static final Pattern MANAGEMENT_PATHS = Pattern.compile("/q/metrics(/.*)?"); // Micrometer serves /q/metrics/anything too

    void install(@Observes Router router) {
        // after the checks of the request's head and URI (RequestHeadLimits, MalformedUri, HeaderSyntax)
        router.route().order(Integer.MIN_VALUE + 3).handler(ctx -> check(ctx, PATHS));
    }

    void installOnManagement(@Observes ManagementInterface management) {
        // after HeaderSyntax, the first there
        management.router().route().order(Integer.MIN_VALUE + 1).handler(ctx -> check(ctx, MANAGEMENT_PATHS));
    }

    private static void check(RoutingContext ctx, Pattern paths) {
        HttpMethod method = ctx.request().method();
        if (method == HttpMethod.GET || method == HttpMethod.HEAD || !ctx.normalizedPath().startsWith("/q/")
                || !paths.matcher(ctx.normalizedPath()).matches()) {
            ctx.next();
            return;
        }
        if (method == HttpMethod.OPTIONS) {
            ctx.response().setStatusCode(204).putHeader(HttpHeaders.ALLOW, ALLOW).end();
            return;
        }
        String name = method.name().replaceAll("[^A-Za-z0-9!#$%&'*+.^_`|~-]", "?"); // a token, as the codec parsed it
        ctx.response().setStatusCode(405).putHeader(HttpHeaders.ALLOW, ALLOW)
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .end(ApiError.json(new ApiError("method_not_allowed", AllowedMethods.notTaken(name, ALLOW), null)));
    }
}
