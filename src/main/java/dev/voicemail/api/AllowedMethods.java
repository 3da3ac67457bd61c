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

import io.quarkus.arc.Arc;

/**
 * Which HTTP methods a path takes, read from the JAX-RS resources, for the {@code Allow} header a 405
 * must carry (RFC 9110): the framework's own 405 does not say. Built once, on the first 405.
 */
final class AllowedMethods {

    private record Route(Pattern path, String method) {
    }

    private static volatile List<Route> routes;

    private AllowedMethods() {
    }

    /** The methods {@code path} takes, e.g. "DELETE, GET, PUT"; null when no resource matches it. */
    static String of(String path) {
        Set<String> methods = new TreeSet<>();
        String normal = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        for (Route route : routes()) {
            if (route.path().matcher(normal).matches()) {
                methods.add(route.method());
            }
        }
        if (methods.contains("GET")) {
            methods.add("HEAD"); // JAX-RS answers HEAD wherever it answers GET
        }
        return methods.isEmpty() ? null : String.join(", ", methods);
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
                        r.add(new Route(template(base.value() + (sub == null ? "" : "/" + sub.value())), method));
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

    /** "/v1/clients/{clientId}" as a pattern matching one path segment per parameter. */
    private static Pattern template(String template) {
        String path = template.replaceAll("/+", "/");
        if (path.length() > 1 && path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        StringBuilder regex = new StringBuilder();
        for (String part : path.split("(?=\\{)|(?<=\\})")) {
            regex.append(part.startsWith("{") ? "[^/]+" : Pattern.quote(part));
        }
        return Pattern.compile(regex.toString());
    }
}
