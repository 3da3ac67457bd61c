package dev.voicemail.integrations;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
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
import dev.voicemail.api.IfMatch;
import dev.voicemail.auth.Caller;
import dev.voicemail.auth.Roles;

import io.quarkus.security.identity.SecurityIdentity;

/**
 * How an agency's CRM values are read (issue 13). Each agency has its own mapping per CRM, versioned
 * like a client (the ETag is the version; If-Match makes a PUT apply only to that version) and audited.
 * An agency that never changed it reads the CRM's defaults, version 0.
 */
@Tag(name = "Integrations", description = "Decisions and outcomes from the CRM's own records (HubSpot, Salesforce, Close), "
        + "read through the agency's mapping of the CRM's values.")
@SecurityRequirement(name = "apiKey")
@Path("/v1/integrations/{crm}/mapping")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class MappingResource {

    /** The mapping column holds 1,000,000 characters (V6__crm_mappings.sql). */
    private static final int MAX_STORED = 1_000_000;

    private final AgencyMappings mappings;
    private final MappingRepository repository;
    private final SecurityIdentity identity;
    private final com.fasterxml.jackson.databind.ObjectMapper json;

    public MappingResource(AgencyMappings mappings, MappingRepository repository, SecurityIdentity identity,
                           com.fasterxml.jackson.databind.ObjectMapper json) {
        this.mappings = mappings;
        this.repository = repository;
        this.identity = identity;
        this.json = json;
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.CRM})
    @Operation(operationId = "getCrmMapping", summary = "Read a CRM mapping",
            description = "How the agency's records of this CRM are read: per field (section) and CRM value, the channel, outcome, "
                    + "direction and decision-maker flag, or skip. Version 0 is the CRM's defaults. Roles admin and crm.")
    @APIResponse(responseCode = "200", description = "The mapping in force; the ETag is its version.",
            headers = @Header(name = "ETag", description = "The mapping's version, e.g. \"2\" (\"0\": the defaults)",
                    schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CrmMapping.class),
                    examples = @ExampleObject(name = "HubSpot defaults (abridged)", value = """
                            {"crm": "hubspot", "version": 0, "unknownValues": "REFUSE", "updatedAt": null,
                             "values": {"calls.hs_call_disposition": {
                                 "b2cf5968-551e-4856-9783-52b3da59a7d0": {"label": "Left voicemail", "channel": "CALL", "outcome": "VOICEMAIL_LEFT"},
                                 "f240bbac-87c9-4f6e-bf70-924b57d47db7": {"label": "Connected", "channel": "CALL", "outcome": "CONNECTED"}},
                               "calls.hs_call_status": {"FAILED": {"label": "Failed: the call did not go through", "skip": true}}}}""")))
    @APIResponse(responseCode = "404", description = "No such CRM (details.knownCrms lists hubspot, salesforce, close).",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    public Response get(@Parameter(description = "hubspot, salesforce or close", example = "hubspot",
                                   schema = @Schema(type = SchemaType.STRING, enumeration = {"hubspot", "salesforce", "close"}))
                        @PathParam("crm") String crm) {
        AgencyMappings.Current current = mappings.current(Caller.of(identity).agency(), Crm.of(crm));
        return Response.ok(current.answer()).tag(new EntityTag(Long.toString(current.version()))).build();
    }

    @PUT
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "putCrmMapping", summary = "Replace a CRM mapping",
            description = "Replaces the whole mapping: the CRM's standard values must all stay mapped (or be marked skip), the "
                    + "agency's own values (its portal's dispositions) are added beside them. With If-Match only if it is still at "
                    + "that version (\"0\": still the defaults); without, the last writer wins. Every change is audited. Role admin.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = MappingInput.class),
            examples = @ExampleObject(name = "a portal's own disposition added (abridged: send every section)", value = """
                    {"unknownValues": "REFUSE",
                     "values": {"calls.hs_call_disposition": {
                         "9d9162e7-6cf3-4944-bf63-4dff82258764": {"label": "Busy", "channel": "CALL", "outcome": "NO_ANSWER"},
                         "0b7d4f2a-5c1e-4e8b-9a3f-1d2c3b4a5e6f": {"label": "Spoke with owner", "channel": "CALL", "outcome": "CONNECTED", "decisionMaker": true}}}}""")))
    @APIResponse(responseCode = "200", description = "Stored; the ETag is the new version.",
            headers = @Header(name = "ETag", description = "The mapping's new version", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CrmMapping.class)))
    @APIResponse(responseCode = "404", description = "No such CRM.",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "409", description = "The change kept racing with others (10 tries); send it again.",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "412", description = "If-Match names another version than the mapping is at.",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "422", description = "A standard value of the CRM left unmapped (unmapped_value), an unknown "
            + "section, an impossible channel and outcome, a duplicate value (invalid_mapping); `field` names it.",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    public Response put(@Parameter(description = "hubspot, salesforce or close", example = "hubspot",
                                   schema = @Schema(type = SchemaType.STRING, enumeration = {"hubspot", "salesforce", "close"}))
                        @PathParam("crm") String crm,
                        @Parameter(description = "Apply only to this version (an ETag such as \"3\"; \"0\": the defaults), or * for any stored one.")
                        @HeaderParam("If-Match") String ifMatch, MappingInput input) {
        Crm which = Crm.of(crm);
        Caller caller = Caller.of(identity);
        MappingInput checked = Mappings.check(which, input);
        try {
            if (json.writeValueAsString(checked).length() > MAX_STORED) {
                throw new ApiException(413, "limit_exceeded", "the mapping takes more than " + MAX_STORED + " characters of JSON", "values");
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        MappingRepository.Stored saved = repository.save(caller.agency(), which, checked, expectedVersion(ifMatch), caller.keyId());
        return Response.ok(new CrmMapping(which.pathName(), saved.version(), checked.unknownValues(), checked.values(), saved.updatedAt()))
                .tag(new EntityTag(Long.toString(saved.version()))).build();
    }

    @GET
    @Path("/history")
    @RolesAllowed({Roles.ADMIN, Roles.CRM})
    @Operation(operationId = "getCrmMappingHistory", summary = "A CRM mapping's changes",
            description = "Who changed the agency's mapping of this CRM, when, and from what to what; newest first, paged. "
                    + "Empty while it is the defaults. Roles admin and crm.")
    @APIResponse(responseCode = "200", description = "A page of changes.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = MappingHistory.class)))
    @APIResponse(responseCode = "400", description = "page or size out of range.",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "404", description = "No such CRM.",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "413", description = "The page's changes hold more than 8,000,000 characters of mappings "
            + "(before and after); the message says how many changes a page fit (field size).",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    public MappingHistory history(@Parameter(example = "hubspot",
                                             schema = @Schema(type = SchemaType.STRING, enumeration = {"hubspot", "salesforce", "close"}))
                                  @PathParam("crm") String crm,
                                  @Parameter(schema = @Schema(type = SchemaType.INTEGER, minimum = "0", defaultValue = "0"))
                                  @QueryParam("page") @DefaultValue("0") String page,
                                  @Parameter(schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "500", defaultValue = "100"))
                                  @QueryParam("size") @DefaultValue("100") String size) {
        Crm which = Crm.of(crm);
        int p = intParam("page", page, 0, 1_000_000);
        int s = intParam("size", size, 1, 500);
        List<MappingChange> changes = repository.history(Caller.of(identity).agency(), which, p, s);
        return new MappingHistory(which.pathName(), changes, p, s);
    }

    /**
     * The version an If-Match asks for: null without one, {@link MappingRepository#ANY_VERSION} for *,
     * -2 (which no mapping has) for a tag that is not one of ours, so that it fails as a stale one would.
     */
    static Long expectedVersion(String ifMatch) {
        return IfMatch.expectedVersion(ifMatch, MappingRepository.ANY_VERSION, -2L);
    }

    private static int intParam(String name, String value, int min, int max) {
        try {
            int v = Integer.parseInt(value);
            if (v >= min && v <= max) {
                return v;
            }
        } catch (NumberFormatException e) {
            // fall through to the error below
        }
        throw ApiException.badRequest(name, name + " must be an integer from " + min + " to " + max);
    }
}
