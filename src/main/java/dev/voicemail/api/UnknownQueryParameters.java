package dev.voicemail.api;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Every {@code /v1} operation refuses a query parameter it does not take: a 400 {@code unknown_parameter}
 * naming it, with the nearest one it does take. A parameter ignored is a request silently answered as
 * another: the operator's {@code POST /v1/keys?agency=x} made an admin key of the operator's own agency,
 * and {@code PUT /v1/clients/c?agency=x} wrote the operator's client. What an operation takes is its
 * method's {@code @QueryParam}s, read once per method.
 */
public class UnknownQueryParameters {

    private static final ConcurrentHashMap<Method, Set<String>> TAKEN = new ConcurrentHashMap<>();

    @ServerRequestFilter
    public void refuseUnknown(UriInfo uri, ResourceInfo resource) {
        Set<String> sent = uri.getQueryParameters().keySet();
        if (sent.isEmpty() || resource.getResourceMethod() == null || !underV1(resource.getResourceClass())) {
            return;
        }
        Set<String> taken = TAKEN.computeIfAbsent(resource.getResourceMethod(), UnknownQueryParameters::taken);
        for (String name : sent) {
            if (!taken.contains(name)) {
                String shown = InputFields.shown(name);
                throw new ApiException(400, "unknown_parameter", "unknown parameter '" + shown + "'"
                        + Spelling.didYouMean(name, taken)
                        + (taken.isEmpty() ? "; this operation takes no query parameter" : "; the parameters are " + taken), shown);
            }
        }
    }

    private static boolean underV1(Class<?> type) {
        Path path = type == null ? null : type.getAnnotation(Path.class);
        return path != null && (path.value().equals("/v1") || path.value().startsWith("/v1/"));
    }

    private static Set<String> taken(Method method) {
        Set<String> names = new TreeSet<>();
        Annotation[][] all = method.getParameterAnnotations();
        for (int i = 0; i < all.length; i++) {
            for (Annotation a : all[i]) {
                if (a instanceof QueryParam q) {
                    names.add(q.value());
                } else if (a instanceof RestQuery q) {
                    names.add(q.value().isEmpty() ? method.getParameters()[i].getName() : q.value());
                }
            }
        }
        return Collections.unmodifiableSet(names); // sorted, for the message
    }
}
