package dev.voicemail.api;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Answers {@code OPTIONS} from the resources' own declarations ({@link AllowedMethods}), before routing:
 * the framework's answer listed other paths' methods ({@code OPTIONS /v1/clients} gave {@code DELETE}
 * and {@code PUT}, methods of {@code /v1/clients/{id}}). It runs no operation and reads no data, so it
 * needs no key: the methods of a path are public in the OpenAPI document already. A path no resource
 * matches goes on to its 404; a method a path does not take is a 405 ({@link ErrorMappers}).
 */
public class MethodsOfAPath {

    @ServerRequestFilter(preMatching = true, priority = 2)
    public Response options(ContainerRequestContext request) {
        if (!"OPTIONS".equals(request.getMethod())) {
            return null; // one comparison on every other request: nothing on a decision's way
        }
        String allowed = AllowedMethods.of(request.getUriInfo().getPath());
        return allowed == null ? null : Response.noContent().header("Allow", allowed).build();
    }
}
