package dev.voicemail.api;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.vertx.http.ManagementInterface;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Refuses a request with a malformed header (a name that is not an RFC 9110 token, such as one with a
 * space or a control character; a value with a control character) with a JSON 400 {@code invalid_header}
 * naming the header. Vert.x's codec would refuse these itself with an empty body, so its header check is
 * turned off ({@code -Dvertx.disableHttpHeadersValidation=true}, set by {@link dev.voicemail.Main} and the
 * test runs) and made here, on the service's and the management interface's routers alike, right after
 * {@link RequestHeadLimits} and {@link MalformedUri}. The connection is closed after the answer, as the
 * codec does: a request whose head is malformed says nothing reliable about where the next one starts.
 */
@ApplicationScoped
public class HeaderSyntax {


    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE + 2).handler(HeaderSyntax::check);
    }

    void installOnManagement(@Observes ManagementInterface management) {
        management.router().route().order(Integer.MIN_VALUE).handler(HeaderSyntax::check);
    }

    private static void check(RoutingContext ctx) {
        for (Map.Entry<String, String> header : ctx.request().headers()) {
            String problem = problem(header.getKey(), header.getValue());
            if (problem != null) {
                refuse(ctx, header.getKey(), problem);
                return;
            }
        }
        ctx.next();
    }

    /** What is wrong with the header, in words; null when it is well formed. */
    static String problem(String name, String value) {
        if (name.isEmpty()) {
            return "a header has an empty name";
        }
        for (int i = 0; i < name.length(); i++) {
            if (!isTokenChar(name.charAt(i))) {
                return "the header name " + visible(name) + " has " + describe(name.charAt(i))
                        + "; a name is letters, digits and !#$%&'*+-.^_`|~ only";
            }
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if ((c < 0x20 && c != '\t') || c == 0x7f) {
                return "the value of header " + visible(name) + " has " + describe(c)
                        + "; remove control characters from it";
            }
        }
        return null;
    }

    // RFC 9110 section 5.6.2: tchar
    private static boolean isTokenChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
    }

    private static String describe(char c) {
        return c == ' ' ? "a space" : c == '\t' ? "a tab" : c < 0x20 || c == 0x7f || c > 0x7e
                ? String.format("the control or non-ASCII character U+%04X", (int) c)
                : "the character '" + c + "'";
    }

    // a name quoted for the message
    private static String visible(String name) {
        return "'" + escaped(name) + "'";
    }

    // unprintable characters escaped (the body must not carry them), at most 100 characters
    private static String escaped(String name) {
        StringBuilder out = new StringBuilder();
        name.chars().limit(100).forEach(c -> out.append(c < 0x20 || c >= 0x7f ? String.format("\\u%04x", c) : String.valueOf((char) c)));
        return out.append(name.length() > 100 ? "…" : "").toString();
    }

    private static void refuse(RoutingContext ctx, String name, String problem) {
        String body = ApiError.json(new ApiError("invalid_header", problem, "headers." + escaped(name)));
        RequestHeadLimits.refuse(ctx, 400, body); // closes the connection after the answer, as the codec does
    }
}
