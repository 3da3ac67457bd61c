package dev.voicemail.api;

import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.spi.ServerRequestContext;

/**
 * Answers {@code OPTIONS} from the resources' own declarations ({@link AllowedMethods}), before routing:
 * the framework's answer listed other paths' methods ({@code OPTIONS /v1/clients} gave {@code DELETE}
 * and {@code PUT}, methods of {@code /v1/clients/{id}}). It runs no operation and reads no data, so it
 * needs no key: the methods of a path are public in the OpenAPI document already. A path no resource
 * takes is a 404, as for every other method (the framework answered 200 there too, with the methods of
 * a shorter path: {@code OPTIONS /v1/clients/c/EVIDENCE} gave those of {@code /v1/clients/{id}}); a
 * method a path does not take is a 405 ({@link ErrorMappers}).
 */
public class MethodsOfAPath {

    @ServerRequestFilter(preMatching = true, priority = 2)
    public Response options(ContainerRequestContext request, ServerRequestContext context) {
        if (!"OPTIONS".equals(request.getMethod())) {
            return null; // one comparison on every other request: nothing on a decision's way
        }
        String allowed = AllowedMethods.of(AllowedMethods.routedPath(context));
        if (allowed == null) {
            throw new NotFoundException(); // answered as any other method's 404 (ErrorMappers)
        }
        return Response.noContent().header("Allow", allowed).build();
    }
}
