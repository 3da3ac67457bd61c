package dev.voicemail.integrations;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.voicemail.api.ApiError;
import dev.voicemail.api.ApiException;
import dev.voicemail.api.InputFields;
import dev.voicemail.auth.Caller;
import dev.voicemail.auth.Roles;
import dev.voicemail.clients.ClientDirectory;
import dev.voicemail.decision.DecisionInput;
import dev.voicemail.outcomes.OutcomeDeriver;
import dev.voicemail.outcomes.OutcomeKind;
import dev.voicemail.outcomes.OutcomeReader;
import dev.voicemail.outcomes.OutcomeRecorder;
import dev.voicemail.outcomes.ReportedOutcome;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;

/**
 * A CRM's activity stream as reported outcomes: the records are read through the agency's mapping as
 * for a decision, and the touches that are outcomes (by the same kinds as outcomes derived from a
 * decision's history) are recorded through {@link OutcomeRecorder} with the record's id as the event
 * id, so that posting a record again counts once.
 */
@Tag(name = "Integrations")
@SecurityRequirement(name = "apiKey")
@RolesAllowed(Roles.CRM)
@Path("/v1/integrations/{crm}/outcomes")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Blocking
public class CrmOutcomeResource {

    private final CrmDecisions decisions;
    private final AgencyMappings mappings;
    private final OutcomeReader reader;
    private final OutcomeRecorder recorder;
    private final ClientDirectory clients;
    private final SecurityIdentity identity;

    public CrmOutcomeResource(CrmDecisions decisions, AgencyMappings mappings, OutcomeReader reader, OutcomeRecorder recorder,
                              ClientDirectory clients, SecurityIdentity identity) {
        this.decisions = decisions;
        this.mappings = mappings;
        this.reader = reader;
        this.recorder = recorder;
        this.clients = clients;
        this.identity = identity;
    }

    @POST
    @Operation(operationId = "reportCrmOutcomes", summary = "Record outcomes from CRM records",
            description = "The prospect's CRM records, as for a decision; each is read through the agency's mapping, and those "
                    + "that are outcomes (an inbound call: CALLBACK; a connected call: CONNECT; a reply or an inbound email or "
                    + "text: REPLY; a planned or held visit: MEETING; OPTED_OUT) are recorded as POST /v1/outcomes records them, "
                    + "with the record's id as the event id: a record posted again counts once. A record dated in the future "
                    + "is not an outcome yet. Role crm.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = CrmOutcomesRequest.class),
            examples = @ExampleObject(name = "a HubSpot call-back", value = """
                    {"clientId": "acme-scales", "prospect": {"id": "hs-contact-5101", "timezone": "America/Chicago"},
                     "history": {"calls": [{"id": "81920374699", "properties": {"hs_timestamp": "2026-11-20T16:00:00Z",
                       "hs_call_direction": "INBOUND", "hs_call_status": "COMPLETED",
                       "hs_call_disposition": "f240bbac-87c9-4f6e-bf70-924b57d47db7"}}]}}""")))
    @APIResponse(responseCode = "200", description = "The outcomes found, each recorded or a duplicate, and what each record was read as.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CrmOutcomes.class),
                    examples = @ExampleObject(name = "an inbound call that connected", value = """
                            {"outcomes": [
                              {"recordId": "81920374699", "eventId": "81920374699", "kind": "CALLBACK", "occurredAt": "2026-11-20T16:00:00Z",
                               "status": "recorded", "decisionId": "019a8c3e-6f1b-7c2d-9e4f-3a5b6c7d8e9f"},
                              {"recordId": "81920374699", "eventId": "81920374699/CONNECT", "kind": "CONNECT", "occurredAt": "2026-11-20T16:00:00Z",
                               "status": "recorded", "decisionId": "019a8c3e-6f1b-7c2d-9e4f-3a5b6c7d8e9f"}],
                             "readAs": [{"recordId": "81920374699", "record": "history.calls[0]",
                                         "from": "calls.hs_call_disposition=f240bbac-87c9-4f6e-bf70-924b57d47db7",
                                         "at": "2026-11-20T16:00:00Z", "channel": "CALL", "outcome": "CONNECTED",
                                         "direction": "INBOUND", "decisionMaker": false}]}""")))
    @APIResponse(responseCode = "404", description = "No such CRM, or no such client in the caller's agency.",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "422", description = "A record's value is not in the mapping (unmapped_value).",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    public CrmOutcomes report(@Parameter(description = "hubspot, salesforce or close", example = "hubspot",
                                         schema = @Schema(type = SchemaType.STRING, enumeration = {"hubspot", "salesforce", "close"}))
                              @PathParam("crm") String crm, CrmOutcomesRequest request) {
        Crm which = Crm.of(crm);
        String agency = Caller.of(identity).agency();
        if (request == null) {
            throw ApiException.badRequest(null, "the body must be {\"clientId\", \"prospect\", \"history\"}");
        }
        String clientId = request.clientId();
        if (clientId == null || !InputFields.CLIENT_ID.matcher(clientId).matches()) {
            throw ApiException.badRequest("clientId", "clientId is required: 1 to 64 of [A-Za-z0-9._-]");
        }
        String prospectId = request.prospect() == null ? null : request.prospect().id();
        if (prospectId == null || prospectId.isBlank() || prospectId.length() > 128) {
            throw ApiException.badRequest("prospect.id", "prospect.id is required, 1 to 128 characters");
        }
        CrmDecisionRequest asDecision = new CrmDecisionRequest(clientId, request.prospect(), null, request.history());
        List<CrmRecord> records = decisions.records(agency, which, asDecision);
        if (clients.find(agency, clientId).isEmpty()) {
            throw ApiException.notFound("no client '" + clientId + "'");
        }
        AgencyMappings.Current mapping = mappings.current(agency, which);
        Translation translation = Translation.of(which, mapping.mapping(), mapping.index(), records);
        Instant now = Instant.now();
        List<OutcomeRecorder.Report> reports = new ArrayList<>();
        List<String> recordIds = new ArrayList<>();
        for (ReadAs read : translation.readAs()) {
            if (read.skipped() != null || read.at().isAfter(now)) {
                continue; // no touch, or not yet one: a later post carries it once it is due
            }
            DecisionInput.Touch touch = new DecisionInput.Touch(read.at(), read.channel(), read.outcome(), read.direction(),
                    read.decisionMaker());
            List<OutcomeKind> kinds = OutcomeDeriver.kinds(touch);
            for (int k = 0; k < kinds.size(); k++) {
                String eventId = k == 0 ? read.recordId() : read.recordId() + "/" + kinds.get(k).name();
                reports.add(reader.read("", new ReportedOutcome(clientId, prospectId, kinds.get(k).name(), eventId,
                        read.at().toString())));
                recordIds.add(read.recordId());
            }
        }
        List<OutcomeRecorder.Result> results = reports.isEmpty() ? List.of() : recorder.record(agency, reports);
        List<CrmOutcomes.Item> items = new ArrayList<>(results.size());
        for (int i = 0; i < results.size(); i++) {
            OutcomeRecorder.Result r = results.get(i);
            OutcomeRecorder.Report report = reports.get(i);
            items.add(new CrmOutcomes.Item(recordIds.get(i), r.eventId(), report.kind().name(), report.occurredAt().toString(),
                    r.status().name().toLowerCase(Locale.ROOT), r.decisionId() == null ? null : r.decisionId().toString()));
        }
        return new CrmOutcomes(items, translation.readAs());
    }
}
