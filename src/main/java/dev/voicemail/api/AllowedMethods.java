package dev.voicemail.api;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;

import org.jboss.resteasy.reactive.server.core.ResteasyReactiveRequestContext;
import org.jboss.resteasy.reactive.server.spi.ServerRequestContext;

import io.quarkus.arc.Arc;

/**
 * Which HTTP methods a path takes, read from the JAX-RS resources, for the {@code Allow} header of a 405
 * (RFC 9110) and of an {@code OPTIONS} answer ({@link MethodsOfAPath}). Built once, on first use.
 * When several templates match a path, the most specific wins, as in JAX-RS's own matching:
 * {@code /v1/decisions/batch} takes only POST, though {@code /v1/decisions/{id}} takes GET.
 */
final class AllowedMethods {

    /** @param literals the template's characters outside its parameters: more is more specific */
    private record Route(Pattern path, int literals, String method) {
    }

    private static volatile List<Route> routes;

    private AllowedMethods() {
    }

    /**
     * The request's path as RESTEasy matches it, for {@link #of} and {@link #methods}: as Vert.x
     * normalised it (dot segments resolved, doubled slashes joined, unreserved %-escapes such as
     * {@code %63} decoded), matrix parameters dropped, and {@code %2F} still encoded. Not
     * {@code UriInfo.getPath()}, which decodes {@code %2F} to a slash: for
     * {@code /v1/clients/abc%2Fhistory}, which the router serves as {@code /v1/clients/{clientId}},
     * that gave the methods of {@code /v1/clients/{clientId}/history}, and for {@code /v1%2Fclients},
     * a 404 to GET, those of {@code /v1/clients} (contract/MethodsOfRespeltPathsTest).
     */
    static String routedPath(ServerRequestContext request) {
        return ((ResteasyReactiveRequestContext) request).getPathWithoutPrefix();
    }

    /** A 405's message: the method refused and the methods the path takes. */
    static String notTaken(String method, String allowed) {
        return "this path does not take " + method + "; it takes " + allowed;
    }

    /** The methods {@code path} takes, e.g. "DELETE, GET, HEAD, OPTIONS, PUT"; null when no resource matches it. */
    static String of(String path) {
        Set<String> methods = methods(path);
        return methods.isEmpty() ? null : String.join(", ", methods);
    }

    /** The methods {@code path} takes, in order; empty when no resource matches it. */
    static Set<String> methods(String path) {
        Set<String> methods = new TreeSet<>();
        String normal = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        int best = -1;
        for (Route route : routes()) {
            if (route.literals() >= best && route.path().matcher(normal).matches()) {
                if (route.literals() > best) {
                    methods.clear();
                    best = route.literals();
                }
                methods.add(route.method());
            }
        }
        if (methods.isEmpty()) {
            return methods;
        }
        if (methods.contains("GET")) {
            methods.add("HEAD"); // JAX-RS answers HEAD wherever it answers GET
        }
        methods.add("OPTIONS"); // answered by MethodsOfAPath
        return methods;
    }

    private static List<Route> routes() {
        List<Route> r = routes;
        if (r == null) {
            r = new ArrayList<>();
            for (Bean<?> bean : Arc.container().beanManager().getBeans(Object.class, Any.Literal.INSTANCE)) {
                Path base = bean.getBeanClass().getAnnotation(Path.class);
                if (base == null) {
                    continue;
                }
                for (Method m : bean.getBeanClass().getMethods()) {
                    String method = httpMethod(m);
                    if (method != null) {
                        Path sub = m.getAnnotation(Path.class);
                        r.add(route(base.value() + (sub == null ? "" : "/" + sub.value()), method));
                    }
                }
            }
            routes = r;
        }
        return r;
    }

    private static String httpMethod(Method m) {
        for (Annotation a : m.getAnnotations()) {
            HttpMethod h = a.annotationType().getAnnotation(HttpMethod.class);
            if (h != null) {
                return h.value();
            }
        }
        return null;
    }

    /**
     * "/v1/clients/{clientId}" as a pattern matching one path segment per parameter, and
     * "{decisionId: [0-9a-f-]{36}}" by its own expression (whose braces nest in the parameter's).
     */
    private static Route route(String template, String method) {
        String path = template.replaceAll("/+", "/");
        if (path.length() > 1 && path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        StringBuilder regex = new StringBuilder();
        int literals = 0;
        int i = 0;
        while (i < path.length()) {
            char c = path.charAt(i);
            if (c != '{') {
                regex.append(Pattern.quote(String.valueOf(c)));
                literals++;
                i++;
                continue;
            }
            int depth = 0;
            int end = i;
            for (; end < path.length(); end++) {
                if (path.charAt(end) == '{') {
                    depth++;
                } else if (path.charAt(end) == '}' && --depth == 0) {
                    break;
                }
            }
            String parameter = path.substring(i + 1, end);
            int colon = parameter.indexOf(':');
            regex.append('(').append(colon < 0 ? "[^/]+" : parameter.substring(colon + 1).trim()).append(')');
            i = end + 1;
        }
        return new Route(Pattern.compile(regex.toString()), literals, method);
    }
}
