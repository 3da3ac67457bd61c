package dev.voicemail.clients;

import java.net.URI;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
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
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

import dev.voicemail.api.ApiError;
import dev.voicemail.api.ApiException;
import dev.voicemail.api.IfMatch;
import dev.voicemail.api.InputFields;
import dev.voicemail.auth.Caller;
import dev.voicemail.auth.Roles;

import io.quarkus.security.identity.SecurityIdentity;

/**
 * Agencies set each client's policy here (role {@code admin}). Every call acts on the caller's own
 * agency: another agency's client is answered exactly as a missing one. Changes are versioned: the
 * ETag is the version, and an {@code If-Match} makes a PUT or DELETE apply only to that version (412
 * otherwise). Every change is recorded in the client's history.
 */
@Tag(name = "Clients", description = "An agency sets each client's policy (role admin).")
@SecurityRequirement(name = "apiKey")
@RolesAllowed(Roles.ADMIN)
@Path("/v1/clients")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ClientResource {

    private final ClientRepository repository;
    private final ClientDirectory directory;
    private final PolicyCheck policies;
    private final SecurityIdentity identity;

    public ClientResource(ClientRepository repository, ClientDirectory directory, PolicyCheck policies,
                          SecurityIdentity identity) {
        this.repository = repository;
        this.directory = directory;
        this.policies = policies;
        this.identity = identity;
    }

    /** Creates or replaces the client; with If-Match only if it is still at that version (or exists, for *). */
    @PUT
    @Path("/{clientId}")
    @Operation(operationId = "putClient", summary = "Create or replace a client",
            description = "Creates the client (201) or replaces it (200). With If-Match, only if it is still at that version "
                    + "(412 otherwise); without, the last writer wins. The policy must exist and the parameters fit it (422).")
    @APIResponse(responseCode = "200", description = "Replaced; the ETag is the new version.",
            headers = @Header(name = "ETag", description = "The client's version, e.g. \"2\"", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = Client.class)))
    @APIResponse(responseCode = "201", description = "Created at version 1.",
            headers = {@Header(name = "ETag", description = "The client's version, \"1\"", schema = @Schema(type = SchemaType.STRING)),
                       @Header(name = "Location", description = "/v1/clients/{clientId}", schema = @Schema(type = SchemaType.STRING))},
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = Client.class)))
    @APIResponse(responseCode = "409", description = "The change kept racing with others (10 tries); send it again.", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "412", description = "If-Match names another version than the client is at (or * and there is no client): GET it again and re-apply your change.", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "422", description = "No such policy (details.knownPolicies), or a parameter the policy does not declare or of the wrong type (details.parameters).", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    public Response put(@Parameter(description = "1 to 64 of [A-Za-z0-9._-]", example = "acme-scales",
                                   schema = @Schema(type = SchemaType.STRING, pattern = "^[A-Za-z0-9._-]{1,64}$")) @PathParam("clientId") String clientId,
                        @Parameter(description = "Apply only to this version (an ETag such as \"3\"), or * for any existing one.")
                        @HeaderParam("If-Match") String ifMatch, ClientInput input) {
        Caller caller = Caller.of(identity);
        checkId(clientId);
        validate(input);
        ClientRepository.Saved saved;
        try {
            saved = repository.save(caller.agency(), clientId, input, expectedVersion(ifMatch), caller.keyId());
        } catch (ClientChangeRefused refused) {
            throw http(refused);
        }
        directory.remember(caller.agency(), clientId, saved.client());
        return (saved.created()
                ? Response.created(URI.create("/v1/clients/" + clientId)).entity(saved.client())
                : Response.ok(saved.client())).tag(etag(saved.client())).build();
    }

    @GET
    @Path("/{clientId}")
    @Operation(operationId = "getClient", summary = "Read a client", description = "The client and its version as the ETag.")
    @APIResponse(responseCode = "200", description = "The client.",
            headers = @Header(name = "ETag", description = "The client's version, e.g. \"2\"", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = Client.class)))
    @APIResponse(responseCode = "400", description = "The client id is not 1 to 64 of [A-Za-z0-9._-].", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "404", description = "No such client in the caller's agency.", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    public Response get(@Parameter(example = "acme-scales") @PathParam("clientId") String clientId) {
        Caller caller = Caller.of(identity);
        checkId(clientId);
        Client client = repository.find(caller.agency(), clientId)
                .orElseThrow(() -> ApiException.notFound("no client '" + clientId + "'"));
        return Response.ok(client).tag(etag(client)).build();
    }

    /** Who changed the client, when, and from what to what; newest first. Read-only. */
    @GET
    @Path("/{clientId}/history")
    @Operation(operationId = "getClientHistory", summary = "A client's changes",
            description = "Who changed the client, when, and from what to what; newest first, paged. Outlives the client.")
    @APIResponse(responseCode = "200", description = "A page of changes.",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ClientHistory.class)))
    @APIResponse(responseCode = "400", description = "page or size out of range, or a bad client id.", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "404", description = "No such client, and no history of one, in the caller's agency.", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    public ClientHistory history(@PathParam("clientId") String clientId,
                                 @Parameter(schema = @Schema(type = SchemaType.INTEGER, minimum = "0", defaultValue = "0"))
                                 @QueryParam("page") @DefaultValue("0") String page,
                                 @Parameter(schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "500", defaultValue = "100"))
                                 @QueryParam("size") @DefaultValue("100") String size) {
        Caller caller = Caller.of(identity);
        checkId(clientId);
        int p = intParam("page", page, 0, 1_000_000);
        int s = intParam("size", size, 1, 500);
        List<ClientChange> changes = repository.history(caller.agency(), clientId, p, s);
        if (changes.isEmpty() && p == 0 && repository.find(caller.agency(), clientId).isEmpty()) {
            // (a client stored before the trail existed has an empty history, not a missing one)
            throw ApiException.notFound("no client '" + clientId + "'");
        }
        return new ClientHistory(clientId, changes, p, s);
    }

    @GET
    @Operation(operationId = "listClients", summary = "List clients", description = "The caller's agency's clients, paged.")
    @APIResponse(responseCode = "200", description = "A page of clients.",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ClientPage.class)))
    @APIResponse(responseCode = "400", description = "page or size out of range (size 1 to 500).", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    public ClientPage list(@Parameter(schema = @Schema(type = SchemaType.INTEGER, minimum = "0", defaultValue = "0"))
                           @QueryParam("page") @DefaultValue("0") String page,
                           @Parameter(schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "500", defaultValue = "50"))
                           @QueryParam("size") @DefaultValue("50") String size) {
        int p = intParam("page", page, 0, 1_000_000);
        int s = intParam("size", size, 1, 500);
        return repository.list(Caller.of(identity).agency(), p, s);
    }

    @DELETE
    @Path("/{clientId}")
    @Operation(operationId = "deleteClient", summary = "Delete a client",
            description = "Deletes the client; its history stays. With If-Match, only if it is still at that version.")
    @APIResponse(responseCode = "204", description = "Deleted.")
    @APIResponse(responseCode = "400", description = "The client id is not 1 to 64 of [A-Za-z0-9._-].", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "404", description = "No such client in the caller's agency.", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "409", description = "The change kept racing with others (10 tries); send it again.", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "412", description = "If-Match names another version than the client is at.", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    public Response delete(@Parameter(example = "acme-scales") @PathParam("clientId") String clientId,
                           @Parameter(description = "Delete only this version (an ETag such as \"3\").")
                           @HeaderParam("If-Match") String ifMatch) {
        Caller caller = Caller.of(identity);
        checkId(clientId);
        boolean deleted;
        try {
            deleted = repository.delete(caller.agency(), clientId, expectedVersion(ifMatch), caller.keyId());
        } catch (ClientChangeRefused refused) {
            throw http(refused);
        }
        if (!deleted) {
            throw ApiException.notFound("no client '" + clientId + "'");
        }
        directory.remember(caller.agency(), clientId, null);
        return Response.noContent().build();
    }

    /** A refused change in HTTP: a failed If-Match is 412, a client that kept changing 409. */
    private static ApiException http(ClientChangeRefused refused) {
        String id = refused.clientId();
        return switch (refused.why()) {
            case NO_CLIENT_TO_MATCH -> new ApiException(412, "precondition_failed",
                    "client '" + id + "' does not exist, so If-Match cannot match", "If-Match");
            case STALE_VERSION -> new ApiException(412, "precondition_failed", "client '" + id
                    + "' is no longer at version " + refused.expectedVersion()
                    + " (another change came first); GET it again and re-apply the change with the new ETag", "If-Match");
            case KEPT_CHANGING -> new ApiException(409, "conflict",
                    "client '" + id + "' kept changing while this change was applied; try again", null);
        };
    }

    static EntityTag etag(Client client) {
        return new EntityTag(Long.toString(client.version()));
    }

    /**
     * The version an If-Match asks for: null without one, {@link ClientRepository#ANY_VERSION} for *,
     * 0 (which no client has) for a tag that is not one of our ETags, so that it fails as a stale one would.
     */
    static Long expectedVersion(String ifMatch) {
        return IfMatch.expectedVersion(ifMatch, ClientRepository.ANY_VERSION, 0L);
    }

    static void checkId(String id) {
        if (id == null || !InputFields.CLIENT_ID.matcher(id).matches()) {
            throw ApiException.badRequest("clientId", "a client id is 1 to 64 of [A-Za-z0-9._-]");
        }
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

    private void validate(ClientInput in) {
        if (in == null) {
            throw ApiException.badRequest(null, "the body must be a client: {\"name\", \"policy\", ...}");
        }
        requireText("name", in.name(), 200);
        requireText("policy", in.policy(), 64);
        if (in.timezone() != null) {
            InputFields.zone("timezone", in.timezone());
        }
        List<String> props = in.valuePropositions();
        if (props != null) {
            if (props.size() > 50) {
                throw new ApiException(413, "limit_exceeded", "at most 50 value propositions", "valuePropositions");
            }
            for (int i = 0; i < props.size(); i++) {
                requireText("valuePropositions[" + i + "]", props.get(i), 1000);
            }
        }
        policies.check("", in.policy(), in.parameters());
    }

    private static void requireText(String field, String value, int max) {
        if (value == null || value.isBlank()) {
            throw ApiException.badRequest(field, field + " is required and must not be blank");
        }
        if (value.length() > max) {
            throw ApiException.badRequest(field, field + " is longer than " + max + " characters");
        }
    }
}
