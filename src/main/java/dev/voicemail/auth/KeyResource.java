package dev.voicemail.auth;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.voicemail.api.ApiError;
import dev.voicemail.api.ApiException;

import io.quarkus.security.identity.SecurityIdentity;

/**
 * Admins create, list and revoke their agency's API keys. A key gives only roles it holds itself, in
 * its own agency; the operator (bootstrap key) may serve any agency. The {@code author} role exists
 * only in the operator's agency: rules are shared by every agency.
 */
@Tag(name = "Keys", description = "An admin creates, lists and revokes its agency's API keys (role admin).")
@SecurityRequirement(name = "apiKey")
@RolesAllowed(Roles.ADMIN)
@Path("/v1/keys")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class KeyResource {

    public static final Pattern AGENCY = Pattern.compile("[a-z0-9._-]{1,64}");

    /** Body of {@code POST /v1/keys}; {@code agency} only for the operator (bootstrap) key. */
    @Schema(description = "A key to create.")
    public record KeyInput(
            @Schema(required = true, minLength = 1, maxLength = 200, description = "What the key is for.",
                    examples = "CRM production") String name,
            @Schema(required = true, minItems = 1, maxItems = 3, description = "Some of admin, crm, author.",
                    enumeration = {"admin", "crm", "author"}) List<String> roles,
            @Schema(description = "Another agency than the caller's: only with the operator (bootstrap) key.",
                    pattern = "^[a-z0-9._-]{1,64}$", examples = "acme-agency") String agency) {
    }

    /** A key as listed: never its secret. {@code key} is set once, in the answer that creates it. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(description = "An API key as listed: never its secret, except once in the answer that creates it.")
    public record KeyView(@Schema(required = true, examples = "1053c0f78981d849") String id,
                          @Schema(required = true, examples = "default") String agency,
                          @Schema(required = true, examples = "CRM production") String name,
                          @Schema(required = true) Set<String> roles,
                          @Schema(required = true) Instant createdAt,
                          @Schema(required = true, description = "The key id that created it, or `bootstrap`.") String createdBy,
                          @Schema(description = "When it was revoked; absent while it works.") Instant revokedAt,
                          @Schema(description = "The key itself: only in the answer to POST /v1/keys. Keep it; it cannot be shown again.",
                                  examples = "vmk_1053c0f78981d849.z1YnnS0m3S3cr3t") String key) {

        static KeyView of(StoredKey k, String key) {
            return new KeyView(k.id(), k.agency(), k.name(), new TreeSet<>(k.roles()), k.createdAt(), k.createdBy(),
                    k.revokedAt(), key);
        }
    }

    @Schema(description = "The agency's keys, revoked ones included.")
    public record KeyList(@Schema(required = true) List<KeyView> items) {
    }

    private final ApiKeys keys;
    private final OperatorAgency operatorAgency;
    private final SecurityIdentity identity;

    public KeyResource(ApiKeys keys, OperatorAgency operatorAgency, SecurityIdentity identity) {
        this.keys = keys;
        this.operatorAgency = operatorAgency;
        this.identity = identity;
    }

    @POST
    @Operation(operationId = "createKey", summary = "Create an API key",
            description = "A key for the caller's agency (or, for the operator key, any agency). The answer shows the key once.")
    @APIResponse(responseCode = "201", description = "Created; `key` is the secret, shown this once.", content = @Content(mediaType = "application/json", schema = @Schema(implementation = KeyView.class)))
    @APIResponse(responseCode = "400", description = "A field missing or malformed (named in field); a query parameter (another agency goes in the body).", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    public Response create(KeyInput in) {
        Caller caller = Caller.of(identity);
        if (in == null) {
            throw ApiException.badRequest(null, "the body must be {\"name\": \"...\", \"roles\": [\"crm\"]}");
        }
        if (in.name() == null || in.name().isBlank() || in.name().length() > 200) {
            throw ApiException.badRequest("name", "name is required, 1 to 200 characters (what the key is for)");
        }
        if (in.roles() == null || in.roles().isEmpty() || in.roles().size() > Roles.ALL.size()) {
            throw ApiException.badRequest("roles", "roles is required: some of " + new TreeSet<>(Roles.ALL));
        }
        for (int i = 0; i < in.roles().size(); i++) {
            String role = in.roles().get(i);
            if (role == null || !Roles.ALL.contains(role)) {
                throw ApiException.badRequest("roles[" + i + "]", "unknown role; one of " + new TreeSet<>(Roles.ALL));
            }
        }
        String agency = agency(caller, in.agency(), "agency");
        for (int i = 0; i < in.roles().size(); i++) {
            String role = in.roles().get(i);
            if (!caller.operator() && !caller.roles().contains(role)) {
                throw new ApiException(403, "forbidden", "a key gives only roles it holds itself", "roles[" + i + "]");
            }
            if (role.equals(Roles.AUTHOR) && !agency.equals(operatorAgency.name())) {
                throw new ApiException(403, "forbidden", "the author role belongs to the operator's agency alone: rules"
                        + " are shared by every agency", "roles[" + i + "]");
            }
        }
        ApiKeys.NewKey created = keys.create(agency, in.name(), Set.copyOf(in.roles()), caller.keyId());
        return Response.created(URI.create("/v1/keys/" + created.stored().id()))
                .entity(KeyView.of(created.stored(), created.key())).build();
    }

    @GET
    @Operation(operationId = "listKeys", summary = "List API keys", description = "The agency's keys, without secrets.")
    @APIResponse(responseCode = "200", description = "The keys.", content = @Content(mediaType = "application/json", schema = @Schema(implementation = KeyList.class)))
    @APIResponse(responseCode = "400", description = "agency is not 1 to 64 of [a-z0-9._-].", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    public KeyList list(@Parameter(description = "Another agency: only with the operator key.") @QueryParam("agency") String agency) {
        Caller caller = Caller.of(identity);
        return new KeyList(keys.list(agency(caller, agency, "agency")).stream().map(k -> KeyView.of(k, null)).toList());
    }

    @DELETE
    @Path("/{keyId}")
    @Operation(operationId = "revokeKey", summary = "Revoke an API key",
            description = "The key stops working at once on this replica, on the others within voicemail.auth.cache-ttl.")
    @APIResponse(responseCode = "204", description = "Revoked.")
    @APIResponse(responseCode = "400", description = "agency is not 1 to 64 of [a-z0-9._-].", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "404", description = "No such key in the agency.", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    public Response revoke(@PathParam("keyId") String keyId,
                           @Parameter(description = "Another agency: only with the operator key.") @QueryParam("agency") String agency) {
        Caller caller = Caller.of(identity);
        if (keyId == null || keyId.length() > 32 || !keys.revoke(agency(caller, agency, "agency"), keyId)) {
            throw ApiException.notFound("no key '" + (keyId == null || keyId.length() > 32 ? "" : keyId) + "'");
        }
        return Response.noContent().build();
    }

    /** The agency a key operation is for: the caller's own, unless the operator names another. */
    private static String agency(Caller caller, String requested, String field) {
        if (requested == null || requested.equals(caller.agency())) {
            return caller.agency();
        }
        if (!AGENCY.matcher(requested).matches()) {
            throw ApiException.badRequest(field, "an agency is 1 to 64 of [a-z0-9._-]");
        }
        if (!caller.operator()) {
            throw new ApiException(403, "forbidden", "a key manages only its own agency's keys", field);
        }
        return requested;
    }
}
