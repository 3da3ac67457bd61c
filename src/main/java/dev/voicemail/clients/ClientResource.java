package dev.voicemail.clients;

import java.net.URI;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import dev.voicemail.api.ApiException;
import dev.voicemail.rules.PolicyRules;
import dev.voicemail.rules.RuleSet;
import dev.voicemail.rules.RulesRegistry;

/** Agencies set each client's policy here. */
@Path("/v1/clients")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ClientResource {

    public static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    static final String AGENCY = "default";
    private static final Set<String> ZONES = ZoneId.getAvailableZoneIds();

    private final ClientRepository repository;
    private final ClientDirectory directory;
    private final RulesRegistry rules;

    public ClientResource(ClientRepository repository, ClientDirectory directory, RulesRegistry rules) {
        this.repository = repository;
        this.directory = directory;
        this.rules = rules;
    }

    @PUT
    @Path("/{clientId}")
    public Response put(@PathParam("clientId") String clientId, ClientInput input) {
        checkId(clientId);
        validate(input);
        ClientRepository.Saved saved = repository.save(AGENCY, clientId, input);
        directory.remember(AGENCY, clientId, saved.client());
        return saved.created()
                ? Response.created(URI.create("/v1/clients/" + clientId)).entity(saved.client()).build()
                : Response.ok(saved.client()).build();
    }

    @GET
    @Path("/{clientId}")
    public Client get(@PathParam("clientId") String clientId) {
        checkId(clientId);
        return repository.find(AGENCY, clientId)
                .orElseThrow(() -> ApiException.notFound("no client '" + clientId + "'"));
    }

    @GET
    public ClientPage list(@QueryParam("page") @DefaultValue("0") String page,
                           @QueryParam("size") @DefaultValue("50") String size) {
        int p = intParam("page", page, 0, 1_000_000);
        int s = intParam("size", size, 1, 500);
        return repository.list(AGENCY, p, s);
    }

    @DELETE
    @Path("/{clientId}")
    public Response delete(@PathParam("clientId") String clientId) {
        checkId(clientId);
        if (!repository.delete(AGENCY, clientId)) {
            throw ApiException.notFound("no client '" + clientId + "'");
        }
        directory.remember(AGENCY, clientId, null);
        return Response.noContent().build();
    }

    static void checkId(String id) {
        if (id == null || !ID.matcher(id).matches()) {
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
        if (in.timezone() != null && !ZONES.contains(in.timezone())) {
            throw ApiException.badRequest("timezone", "'" + in.timezone() + "' is not an IANA time zone (e.g. America/Chicago)");
        }
        List<String> props = in.valuePropositions();
        if (props != null) {
            if (props.size() > 50) {
                throw ApiException.badRequest("valuePropositions", "at most 50 value propositions");
            }
            for (int i = 0; i < props.size(); i++) {
                requireText("valuePropositions[" + i + "]", props.get(i), 1000);
            }
        }
        RuleSet ruleSet = rules.current();
        PolicyRules policy = ruleSet.policy(in.policy());
        if (policy == null) {
            Set<String> known = new TreeSet<>(ruleSet.policies().keySet());
            throw new ApiException(422, "unknown_policy", "no policy '" + in.policy() + "' in rules/policies; known policies: "
                    + String.join(", ", known), "policy", Map.of("knownPolicies", known));
        }
        if (in.parameters() != null) {
            if (in.parameters().size() > 100) {
                throw ApiException.badRequest("parameters", "at most 100 parameters");
            }
            Map<String, String> problems = policy.check(in.parameters());
            if (!problems.isEmpty()) {
                Map.Entry<String, String> first = problems.entrySet().iterator().next();
                throw new ApiException(422, "invalid_parameter", "parameter '" + first.getKey() + "' " + first.getValue(),
                        "parameters." + first.getKey(), Map.of("parameters", problems));
            }
        }
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
