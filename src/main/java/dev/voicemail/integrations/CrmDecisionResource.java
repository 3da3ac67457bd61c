package dev.voicemail.integrations;

import java.io.IOException;
import java.io.InputStream;

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

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;

import dev.voicemail.api.ApiError;
import dev.voicemail.api.ApiException;
import dev.voicemail.api.ErrorMappers;
import dev.voicemail.api.LimitsConfig;
import dev.voicemail.auth.Caller;
import dev.voicemail.auth.Roles;
import dev.voicemail.db.DatabaseUnavailableException;
import dev.voicemail.db.DatabaseUnavailableMapper;
import dev.voicemail.decision.BatchError;
import dev.voicemail.decision.BatchStream;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;

/** Decisions from the CRM's own records: {@code /v1/decisions} and its batch, with the history as the CRM has it. */
@Tag(name = "Integrations")
@SecurityRequirement(name = "apiKey")
@RolesAllowed(Roles.CRM)
@Path("/v1/integrations/{crm}/decisions")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Blocking
public class CrmDecisionResource {

    private final CrmDecisions decisions;
    private final AgencyMappings mappings;
    private final SecurityIdentity identity;
    private final ObjectMapper json;
    private final ObjectReader itemReader;
    private final int maxBatch;

    public CrmDecisionResource(CrmDecisions decisions, AgencyMappings mappings, SecurityIdentity identity, ObjectMapper json,
                               LimitsConfig limits) {
        this.decisions = decisions;
        this.mappings = mappings;
        this.identity = identity;
        this.json = json;
        this.itemReader = json.readerFor(CrmDecisionRequest.class);
        this.maxBatch = limits.maxBatch();
    }

    @POST
    @Operation(operationId = "decideFromCrm", summary = "Decide one call from CRM records",
            description = "The prospect and the call as in POST /v1/decisions, the history as the CRM's own records. Each record "
                    + "is read through the agency's mapping (GET /v1/integrations/{crm}/mapping); the answer is exactly what "
                    + "POST /v1/decisions answers for the translated request, plus readAs: what each record was read as. "
                    + "A value the mapping does not know is a 422 naming the record, the value and the section to extend "
                    + "(unless the mapping says SKIP). Role crm.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = CrmDecisionRequest.class),
            examples = {
                @ExampleObject(name = "HubSpot", value = """
                        {"clientId": "acme-scales",
                         "prospect": {"id": "hs-contact-5101", "timezone": "America/Chicago"},
                         "call": {"at": "2026-11-23T10:35:00-06:00", "remainingAttemptsToday": 0},
                         "history": {"calls": [
                           {"id": "81920374651", "properties": {"hs_timestamp": "2026-11-18T20:10:00Z", "hs_call_direction": "OUTBOUND",
                             "hs_call_status": "COMPLETED", "hs_call_disposition": "f240bbac-87c9-4f6e-bf70-924b57d47db7"},
                            "createdAt": "2026-11-18T20:12:41.392Z", "updatedAt": "2026-11-18T20:12:41.392Z", "archived": false}]}}"""),
                @ExampleObject(name = "Salesforce", value = """
                        {"clientId": "acme-scales",
                         "prospect": {"id": "003Hs00001AbCdEIAZ", "timezone": "America/Chicago"},
                         "call": {"at": "2026-11-23T10:35:00-06:00", "remainingAttemptsToday": 0},
                         "history": {"totalSize": 1, "done": true, "records": [
                           {"attributes": {"type": "Task", "url": "/services/data/v60.0/sobjects/Task/00THs00000Xy12zIAB"},
                            "Id": "00THs00000Xy12zIAB", "TaskSubtype": "Call", "CallType": "Outbound", "CallDisposition": "Left Voicemail",
                            "CallDurationInSeconds": 38, "ActivityDate": "2026-11-18", "CreatedDate": "2026-11-18T20:10:00.000+0000"}]}}"""),
                @ExampleObject(name = "Close", value = """
                        {"clientId": "acme-scales",
                         "prospect": {"id": "lead_4kQb1xWf2", "timezone": "America/Chicago"},
                         "call": {"at": "2026-11-23T10:35:00-06:00", "remainingAttemptsToday": 0},
                         "history": {"has_more": false, "data": [
                           {"id": "acti_9Tq2mR7c", "_type": "Call", "direction": "outbound", "disposition": "vm-left",
                            "duration": 41, "date_created": "2026-11-18T20:10:00.512000+00:00", "lead_id": "lead_4kQb1xWf2"}]}}""")}))
    @APIResponse(responseCode = "200", description = "The decision, with what each record was read as.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CrmDecision.class),
                    examples = @ExampleObject(name = "after a connected HubSpot call", value = """
                            {"action": "LEAVE_VOICEMAIL", "clientId": "acme-scales", "prospectId": "hs-contact-5101",
                             "policy": "only-after-contact",
                             "reasons": [{"rule": "spoke with a decision maker before",
                                          "text": "An earlier call connected with a decision maker, so a voicemail reaches someone who knows us."}],
                             "rulesVersion": "sha256:4a3038bcc3b6a9dd25eb3830312eae37b8e26965252d84e270e5142b842e61de",
                             "message": {"kind": "STANDARD", "valueProposition": null, "text": "Hi, ...", "maxSeconds": 30},
                             "next": {"notBefore": null, "sequence": "ACTIVE", "recycleAt": null},
                             "readAs": [{"recordId": "81920374651", "record": "history.calls[0]",
                                         "from": "calls.hs_call_disposition=f240bbac-87c9-4f6e-bf70-924b57d47db7",
                                         "at": "2026-11-18T20:10:00Z", "channel": "CALL", "outcome": "CONNECTED",
                                         "direction": "OUTBOUND", "decisionMaker": true}]}""")))
    @APIResponse(responseCode = "404", description = "No such CRM, or no such client in the caller's agency.",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "409", description = "The client's policy is not loaded (policy_unavailable).",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "422", description = "A record's value is not in the mapping (unmapped_value): `field` names the "
            + "record's field, details the record id, the value and the mapping section to extend.",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    public CrmDecision decide(@Parameter(description = "hubspot, salesforce or close", example = "hubspot",
                                         schema = @Schema(type = SchemaType.STRING, enumeration = {"hubspot", "salesforce", "close"}))
                              @PathParam("crm") String crm, CrmDecisionRequest request) {
        Crm which = Crm.of(crm);
        String agency = Caller.of(identity).agency();
        return decisions.decide(agency, which, mappings.current(agency, which), request);
    }

    @POST
    @Path("/batch")
    @Operation(operationId = "decideFromCrmBatch", summary = "Decide many calls from CRM records",
            description = "Up to 10,000 requests of POST /v1/integrations/{crm}/decisions in one body; one result per request, in "
                    + "request order, each what that endpoint answers for it alone. A bad item fails alone; malformed JSON "
                    + "anywhere, or too many items, fails the whole batch. Role crm.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = CrmBatchRequest.class)))
    @APIResponse(responseCode = "200", description = "One result per request, in request order.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CrmBatchResponse.class),
                    examples = @ExampleObject(name = "an unmapped disposition", value = """
                            {"results": [
                              {"status": 422, "error": "unmapped_value",
                               "message": "record '81920374652' (history.calls[0]): '3c4e9a1b-0f2d-4b7e-8a6c-5d1e2f3a4b5c' is not in the hubspot mapping; add it to values.calls.hs_call_disposition with PUT /v1/integrations/hubspot/mapping (or set unknownValues to SKIP there)",
                               "field": "history.calls[0].properties.hs_call_disposition"}]}""")))
    @APIResponse(responseCode = "404", description = "No such CRM.",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    public CrmBatchResponse batch(@Parameter(description = "hubspot, salesforce or close", example = "hubspot",
                                             schema = @Schema(type = SchemaType.STRING, enumeration = {"hubspot", "salesforce", "close"}))
                                  @PathParam("crm") String crm, InputStream body) throws IOException {
        Crm which = Crm.of(crm);
        String agency = Caller.of(identity).agency(); // read here: the helpers have no request context
        AgencyMappings.Current mapping = mappings.current(agency, which); // one mapping for the whole batch
        return new CrmBatchResponse(BatchStream.map(json, body, maxBatch, item -> decideOne(agency, which, mapping, item)));
    }

    private Object decideOne(String agency, Crm crm, AgencyMappings.Current mapping, byte[] item) {
        try {
            return decisions.decide(agency, crm, mapping, itemReader.readValue(item));
        } catch (ApiException e) {
            return new BatchError(e.status(), e.code(), e.getMessage(), e.field());
        } catch (DatabaseUnavailableException e) {
            ApiError error = DatabaseUnavailableMapper.error();
            return new BatchError(503, error.error(), error.message(), null);
        } catch (JsonProcessingException e) {
            ApiError error = ErrorMappers.describe(e);
            return new BatchError(ErrorMappers.status(e), error.error(), error.message(), error.field());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e); // not reached: the item is in memory
        }
    }
}
