package dev.voicemail.outcomes;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.voicemail.api.ApiError;
import dev.voicemail.api.ApiException;
import dev.voicemail.auth.Caller;
import dev.voicemail.auth.Roles;
import dev.voicemail.clients.ClientDirectory;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;

/**
 * What followed decisions: a CRM reports outcomes (its key, the one that decides), and both the CRM
 * and the agency's admin read them. Each agency sees and attributes to its own decisions only.
 */
@Tag(name = "Outcomes", description = "What followed a decision: call-backs, connects, replies, meetings, opt-outs"
        + " (reported by the CRM, role crm, or derived from later requests' history).")
@SecurityRequirement(name = "apiKey")
@Path("/v1/outcomes")
@Produces(MediaType.APPLICATION_JSON)
public class OutcomeResource {

    /** 500 outcomes of the longest fields fit in well under this; a larger body is refused before it is parsed. */
    static final int MAX_BODY_BYTES = 1 << 20;

    /** What became of one reported outcome. */
    @Schema(name = "OutcomeResult", requiredProperties = {"eventId", "status", "decisionId"})
    public record Item(String eventId,
                       @Schema(enumeration = {"recorded", "duplicate", "unknown_client"},
                               description = "recorded: stored now; duplicate: this event was reported before and counts once.")
                       String status,
                       @Schema(description = "The decision it is attributed to (the prospect's latest before it within"
                               + " the window), or null.") String decisionId) {
    }

    /** One item per reported outcome, in the order sent. */
    @Schema(name = "OutcomeResults", requiredProperties = {"outcomes"})
    public record Answer(List<Item> outcomes) {
    }

    private final OutcomeReader reader;
    private final OutcomeRecorder recorder;
    private final OutcomeRepository repository;
    private final ClientDirectory clients;
    private final ObjectMapper json;
    private final SecurityIdentity identity;

    public OutcomeResource(OutcomeReader reader, OutcomeRecorder recorder, OutcomeRepository repository, ClientDirectory clients,
                           ObjectMapper json, SecurityIdentity identity) {
        this.reader = reader;
        this.recorder = recorder;
        this.repository = repository;
        this.clients = clients;
        this.json = json;
        this.identity = identity;
    }

    @POST
    @Blocking
    @RolesAllowed(Roles.CRM)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "reportOutcomes", summary = "Report outcomes",
            description = "One outcome, or {\"outcomes\": [...]} with up to 500: what the CRM saw after a decision. Each is"
                    + " attributed to the prospect's latest decision (by call time) before it, within the window (14 days by"
                    + " default), or to none; the same eventId reported again counts once (status duplicate). Every field"
                    + " is checked before anything is stored: a bad one is a 4xx naming it, and nothing is recorded.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(oneOf = {ReportedOutcome.class, ReportedOutcomes.class}),
            examples = @ExampleObject(name = "a call-back", value = """
                    {"clientId": "acme-scales", "prospectId": "p-123", "kind": "CALLBACK", "eventId": "crm-evt-981",
                     "occurredAt": "2026-11-20T10:00:00Z"}""")))
    @APIResponse(responseCode = "200", description = "One result per outcome, in the order sent.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Answer.class),
                    examples = @ExampleObject(name = "recorded", value = """
                            {"outcomes": [{"eventId": "crm-evt-981", "status": "recorded",
                                           "decisionId": "019abf2c-1d2e-7a3b-8c4d-5e6f7a8b9c0d"}]}""")))
    @APIResponse(responseCode = "404", description = "No such client in the caller's agency (field names which).",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    public Answer report(InputStream body) throws IOException {
        String agency = Caller.of(identity).agency();
        byte[] bytes = body.readNBytes(MAX_BODY_BYTES + 1);
        if (bytes.length > MAX_BODY_BYTES) {
            throw new ApiException(413, "payload_too_large", "the body is larger than " + MAX_BODY_BYTES
                    + " bytes; send at most " + OutcomeReader.MAX_OUTCOMES + " outcomes per request", null);
        }
        OutcomeReport report = bytes.length == 0 ? null : json.readValue(bytes, OutcomeReport.class);
        List<OutcomeRecorder.Report> reports = reader.read(report);
        // every client must be the caller's: another agency's answers exactly as a missing one
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < reports.size(); i++) {
            String clientId = reports.get(i).clientId();
            if (seen.add(clientId) && clients.find(agency, clientId).isEmpty()) {
                throw new ApiException(404, "not_found", "no client '" + clientId + "'",
                        (report.outcomes() == null ? "" : "outcomes[" + i + "].") + "clientId");
            }
        }
        List<Item> items = new ArrayList<>(reports.size());
        for (OutcomeRecorder.Result r : recorder.record(agency, reports)) {
            items.add(new Item(r.eventId(), r.status().name().toLowerCase(Locale.ROOT),
                    r.decisionId() == null ? null : r.decisionId().toString()));
        }
        return new Answer(items);
    }

    @GET
    @Blocking
    @RolesAllowed({Roles.CRM, Roles.ADMIN})
    @Operation(operationId = "listOutcomes", summary = "Page through outcomes",
            description = "The caller's agency's outcomes, reported and derived, newest recorded first, filtered by client"
                    + " and prospect; at most 500 a page, with a cursor for the next page.")
    public StoredOutcome.Page list(@QueryParam("clientId") String clientId, @QueryParam("prospectId") String prospectId,
                                   @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        String client = OutcomeQuery.clientId(clientId);
        String prospect = OutcomeQuery.prospectId("prospectId", prospectId);
        int n = OutcomeQuery.limit(limit);
        UUID after = OutcomeQuery.cursor(cursor);
        List<OutcomeRepository.Row> rows = repository.list(Caller.of(identity).agency(), client, prospect, after, n + 1);
        List<StoredOutcome> items = new ArrayList<>(Math.min(n, rows.size()));
        for (int i = 0; i < Math.min(n, rows.size()); i++) {
            items.add(StoredOutcome.of(rows.get(i)));
        }
        return new StoredOutcome.Page(items, rows.size() > n ? OutcomeQuery.cursor(rows.get(n - 1).id()) : null);
    }
}
