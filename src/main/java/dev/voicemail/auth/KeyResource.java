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

import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.voicemail.api.ApiException;

import io.quarkus.security.identity.SecurityIdentity;

/**
 * Admins create, list and revoke their agency's API keys. A key gives only roles it holds itself, in
 * its own agency; the operator (bootstrap key) may serve any agency. The {@code author} role exists
 * only in the operator's agency: rules are shared by every agency.
 */
@SecurityRequirement(name = "apiKey")
@RolesAllowed(Roles.ADMIN)
@Path("/v1/keys")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class KeyResource {

    public static final Pattern AGENCY = Pattern.compile("[a-z0-9._-]{1,64}");

    /** Body of {@code POST /v1/keys}; {@code agency} only for the operator (bootstrap) key. */
    public record KeyInput(String name, List<String> roles, String agency) {
    }

    /** A key as listed: never its secret. {@code key} is set once, in the answer that creates it. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record KeyView(String id, String agency, String name, Set<String> roles, Instant createdAt, String createdBy,
                          Instant revokedAt, String key) {

        static KeyView of(ApiKeys.StoredKey k, String key) {
            return new KeyView(k.id(), k.agency(), k.name(), new TreeSet<>(k.roles()), k.createdAt(), k.createdBy(),
                    k.revokedAt(), key);
        }
    }

    public record KeyList(List<KeyView> items) {
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
    public KeyList list(@QueryParam("agency") String agency) {
        Caller caller = Caller.of(identity);
        return new KeyList(keys.list(agency(caller, agency, "agency")).stream().map(k -> KeyView.of(k, null)).toList());
    }

    @DELETE
    @Path("/{keyId}")
    public Response revoke(@PathParam("keyId") String keyId, @QueryParam("agency") String agency) {
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
