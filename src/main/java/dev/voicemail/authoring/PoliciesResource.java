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

import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

import com.fasterxml.jackson.annotation.JsonProperty;

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
@RolesAllowed({Roles.ADMIN, Roles.AUTHOR})
@SecurityRequirement(name = "apiKey")
@Path("/v1/policies")
@Produces(MediaType.APPLICATION_JSON)
public class PoliciesResource {

    /** @param file the policy's file, relative to the rules directory */
    public record Policy(String name, String description, String file, List<Parameter> parameters) {
    }

    /**
     * @param type         JSON type: integer, number, boolean or string
     * @param defaultValue the value when a client sets none
     * @param common       declared by a common {@code @parameters} type, so shared by every policy
     */
    public record Parameter(String name, String type, @JsonProperty("default") Object defaultValue,
                            String description, boolean nullable, boolean common) {
    }

    private final RulesRegistry registry;

    public PoliciesResource(RulesRegistry registry) {
        this.registry = registry;
    }

    @GET
    public List<Policy> list() {
        return registry.current().policies().values().stream()
                .sorted(Comparator.comparing(PolicyRules::name))
                .map(PoliciesResource::describe)
                .toList();
    }

    @GET
    @Path("/{name}")
    public Policy get(@PathParam("name") String name) {
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
