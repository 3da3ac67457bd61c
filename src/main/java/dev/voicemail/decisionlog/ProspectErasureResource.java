package dev.voicemail.decisionlog;

import java.time.Duration;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import dev.voicemail.auth.Caller;
import dev.voicemail.auth.Roles;
import dev.voicemail.outcomes.OutcomeDeriver;

import io.quarkus.security.identity.SecurityIdentity;

/**
 * Forgetting a prospect: their decision log entries and outcomes are erased, and the client's audit trail
 * records that it happened (a {@code PROSPECT_ERASED} entry with a SHA-256 of the prospect id).
 */
@Tag(name = "Clients", description = "An agency sets each client's policy (role admin).")
@SecurityRequirement(name = "apiKey")
@RolesAllowed(Roles.ADMIN)
@Path("/v1/clients")
@Produces(MediaType.APPLICATION_JSON)
public class ProspectErasureResource {

    private final DecisionLogRepository repository;
    private final DecisionLogWriter writer;
    private final OutcomeDeriver deriver;
    private final SecurityIdentity identity;

    public ProspectErasureResource(DecisionLogRepository repository, DecisionLogWriter writer, OutcomeDeriver deriver,
                                   SecurityIdentity identity) {
        this.repository = repository;
        this.writer = writer;
        this.deriver = deriver;
        this.identity = identity;
    }

    @DELETE
    @Path("/{clientId}/prospects/{prospectId}")
    @Operation(operationId = "eraseProspect", summary = "Forget a prospect",
            description = "Erases the prospect's decision log entries and outcomes; the client's audit trail"
                    + " records that it happened, with a digest of the prospect id, not the id.")
    @APIResponse(responseCode = "204", description = "Erased; the headers Decisions-Erased and Outcomes-Erased say how many went.",
            headers = {@Header(name = "Decisions-Erased", description = "How many decision log entries were erased.",
                    schema = @Schema(type = SchemaType.INTEGER)),
                    @Header(name = "Outcomes-Erased", description = "How many outcomes were erased.",
                            schema = @Schema(type = SchemaType.INTEGER))})
    public Response erase(@PathParam("clientId") String clientId, @PathParam("prospectId") String prospectId)
            throws InterruptedException {
        LogQuery.clientId("clientId", clientId);
        LogQuery.prospectId("prospectId", prospectId);
        Caller caller = Caller.of(identity);
        // decisions made before this call and still queued are written first, so that none outlives the erasure
        writer.awaitQueued(Duration.ofSeconds(3));
        // and outcomes derived from what was written before it, so that none is derived after it
        deriver.awaitQueued(Duration.ofSeconds(3));
        DecisionLogRepository.Erased erased = repository.erase(caller.agency(), clientId, prospectId, caller.keyId());
        return Response.noContent().header("Decisions-Erased", erased.decisions())
                .header("Outcomes-Erased", erased.outcomes()).build();
    }
}
