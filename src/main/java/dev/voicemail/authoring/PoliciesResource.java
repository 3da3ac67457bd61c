package dev.voicemail.authoring;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.annotation.JsonProperty;

import dev.voicemail.api.ApiError;
import dev.voicemail.api.ApiException;
import dev.voicemail.auth.Roles;
import dev.voicemail.rules.ParameterSet;
import dev.voicemail.rules.ParameterSpec;
import dev.voicemail.rules.PolicyRules;
import dev.voicemail.rules.RulesRegistry;

/**
 * The loaded policies as their DRL files declare them: the {@code @policy} description and the
 * parameters with their {@code @doc}, so the documentation cannot drift from the rules. Admins read
 * them to choose a client's policy; authors to write rules.
 */
@Tag(name = "Rules", description = "What a rule author sees of the loaded rules and policies (role author).")
@RolesAllowed({Roles.ADMIN, Roles.AUTHOR})
@SecurityRequirement(name = "apiKey")
@Path("/v1/policies")
@Produces(MediaType.APPLICATION_JSON)
public class PoliciesResource {

    /** @param file the policy's file, relative to the rules directory */
    @Schema(name = "Policy", description = "A policy as its DRL file declares it.")
    public record Policy(@Schema(required = true, examples = "cadence") String name,
                         @Schema(required = true, description = "The @policy text.") String description,
                         @Schema(required = true, examples = "policies/cadence.drl") String file,
                         @Schema(required = true, description = "Its own parameters first, then the common ones.")
                         List<Parameter> parameters) {
    }

    /**
     * @param type         JSON type: integer, number, boolean or string
     * @param defaultValue the value when a client sets none
     * @param common       declared by a common {@code @parameters} type, so shared by every policy
     */
    @Schema(name = "PolicyParameter", description = "A parameter a client's `parameters` may set.")
    public record Parameter(@Schema(required = true, examples = "maxVoicemails") String name,
                            @Schema(required = true, enumeration = {"integer", "number", "boolean", "string"}) String type,
                            @Schema(required = true, name = "default", description = "The value when a client sets none (null: none).")
                            @JsonProperty("default") Object defaultValue,
                            @Schema(required = true, description = "The @doc text.") String description,
                            @Schema(required = true) boolean nullable,
                            @Schema(required = true, description = "Declared by a common file: shared by every policy.") boolean common) {
    }

    private final RulesRegistry registry;

    public PoliciesResource(RulesRegistry registry) {
        this.registry = registry;
    }

    @GET
    @Operation(operationId = "listPolicies", summary = "List the policies",
            description = "Every loaded policy with its parameters, defaults and meaning, read from the DRL.")
    @APIResponse(responseCode = "200", description = "The policies, by name.",
            content = @Content(mediaType = "application/json", schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.ARRAY, implementation = Policy.class)))
    public List<Policy> list() {
        return registry.current().policies().values().stream()
                .sorted(Comparator.comparing(PolicyRules::name))
                .map(PoliciesResource::describe)
                .toList();
    }

    @GET
    @Path("/{name}")
    @Operation(operationId = "getPolicy", summary = "Read a policy", description = "One loaded policy with its parameters.")
    @APIResponse(responseCode = "200", description = "The policy.", content = @Content(mediaType = "application/json", schema = @Schema(implementation = Policy.class)))
    @APIResponse(responseCode = "404", description = "No such policy loaded.", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    public Policy get(@org.eclipse.microprofile.openapi.annotations.parameters.Parameter(example = "cadence") @PathParam("name") String name) {
        PolicyRules policy = registry.current().policy(name);
        if (policy == null) {
            throw ApiException.notFound("no policy '" + (name.length() > 64 ? name.substring(0, 61) + "..." : name) + "'");
        }
        return describe(policy);
    }

    private static Policy describe(PolicyRules policy) {
        List<Parameter> parameters = new ArrayList<>();
        // the policy's own parameters first, then the shared ones
        for (boolean common : new boolean[] {false, true}) {
            for (ParameterSet set : policy.parameterSets()) {
                if (set.common() != common) {
                    continue;
                }
                for (ParameterSpec p : set.parameters()) {
                    parameters.add(new Parameter(p.name(), p.type(), p.jsonDefault(), p.description(), p.nullable(), common));
                }
            }
        }
        return new Policy(policy.name(), policy.description(), policy.file(), parameters);
    }
}
