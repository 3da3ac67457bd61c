package dev.voicemail.bench;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;

import dev.voicemail.decision.DecisionRequest;

import io.smallrye.mutiny.Uni;

/**
 * The benchmark's ceiling: the same HTTP and JSON work as {@code POST /v1/decisions} (bind the body
 * to a {@link DecisionRequest} on the event loop, write JSON back) with no rules. Off unless
 * {@code voicemail.bench.echo=true}; when off it answers 404 like any unknown path.
 */
@PermitAll // a benchmark ceiling with no data behind it, and off unless configured
@Path("/bench/echo")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class EchoResource {

    private final boolean enabled;

    public EchoResource(@ConfigProperty(name = "voicemail.bench.echo", defaultValue = "false") boolean enabled) {
        this.enabled = enabled;
    }

    @POST
    @Operation(operationId = "benchEcho", summary = "Echo a decision request (benchmark only)",
            description = "Listed only when voicemail.bench.echo=true.")
    public Uni<DecisionRequest> echo(DecisionRequest request) {
        if (!enabled) {
            throw new NotFoundException();
        }
        return Uni.createFrom().item(request);
    }
}
