package dev.voicemail.experiments;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
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
import dev.voicemail.api.InputFields;
import dev.voicemail.auth.Caller;
import dev.voicemail.auth.Roles;
import dev.voicemail.clients.ClientDirectory;
import dev.voicemail.clients.PolicyCheck;

import io.quarkus.security.identity.SecurityIdentity;

/**
 * An agency's experiments on a client's policy (role {@code admin}, as for clients): set one up,
 * start it, stop it, read its report. Every call acts on the caller's own agency. Versioned as
 * clients are: the ETag is the version, and If-Match makes a PUT apply only to that version.
 */
@Tag(name = "Experiments", description = "An agency tests policies against each other on a client's prospects (role admin).")
@SecurityRequirement(name = "apiKey")
@RolesAllowed(Roles.ADMIN)
@Path("/v1/clients/{clientId}/experiments")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ExperimentResource {

    static final int MAX_ARMS = 10;
    static final int MAX_WEIGHT = 1000;
    static final int MAX_WINDOW_DAYS = 90;
    static final int DEFAULT_WINDOW_DAYS = 14;
    static final int MIN_PLANNED = 10;
    static final int MAX_PLANNED = 10_000_000;
    private static final Pattern ARM_NAME = Pattern.compile("[A-Za-z0-9._-]{1,32}");

    private final ExperimentRepository repository;
    private final ExperimentDirectory directory;
    private final ExperimentReports reports;
    private final ClientDirectory clients;
    private final PolicyCheck policies;
    private final SecurityIdentity identity;

    public ExperimentResource(ExperimentRepository repository, ExperimentDirectory directory, ExperimentReports reports,
                              ClientDirectory clients, PolicyCheck policies, SecurityIdentity identity) {
        this.repository = repository;
        this.directory = directory;
        this.reports = reports;
        this.clients = clients;
        this.policies = policies;
        this.identity = identity;
    }

    @PUT
    @Path("/{experimentId}")
    @Operation(operationId = "putExperiment", summary = "Set up an experiment",
            description = "Creates the experiment as a draft (201) or replaces its set-up (200). Each arm's policy must be loaded and its "
                    + "parameters fit it, exactly as a client's (422). Once started, its arms and split cannot change (409 naming the "
                    + "field); its description, metric, window and planned size can. With If-Match, only if it is still at that version (412).")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ExperimentInput.class),
            examples = @ExampleObject(name = "voicemail or not", value = """
                    {
                      "description": "Does a voicemail bring more call-backs than none?",
                      "arms": [
                        {"name": "no-voicemail", "policy": "never", "weight": 1},
                        {"name": "voicemail", "policy": "always", "weight": 1}
                      ],
                      "primaryMetric": "callback",
                      "windowDays": 14,
                      "plannedProspectsPerArm": 500
                    }""")))
    @APIResponse(responseCode = "200", description = "Replaced; the ETag is the new version.",
            headers = @Header(name = "ETag", description = "The experiment's version, e.g. \"2\"", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = Experiment.class)))
    @APIResponse(responseCode = "201", description = "Created as a draft, at version 1.",
            headers = {@Header(name = "ETag", description = "The experiment's version, \"1\"", schema = @Schema(type = SchemaType.STRING)),
                       @Header(name = "Location", description = "/v1/clients/{clientId}/experiments/{experimentId}", schema = @Schema(type = SchemaType.STRING))},
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = Experiment.class)))
    @APIResponse(responseCode = "400", description = "A field missing or out of range (named in field).", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "404", description = "No such client in the caller's agency.", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "409", description = "The experiment has started and the change touches its arms or split (field names which).", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "412", description = "If-Match names another version.", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "422", description = "An arm's policy is not loaded, or its parameters do not fit it (field names the arm).", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    public Response put(@Parameter(example = "acme-scales") @PathParam("clientId") String clientId,
                        @Parameter(description = "1 to 64 of [A-Za-z0-9._-]", example = "voicemail-or-not",
                                   schema = @Schema(type = SchemaType.STRING, pattern = "^[A-Za-z0-9._-]{1,64}$"))
                        @PathParam("experimentId") String experimentId,
                        @Parameter(description = "Apply only to this version (an ETag such as \"3\"), or * for any existing one.")
                        @HeaderParam("If-Match") String ifMatch, ExperimentInput input) {
        String agency = Caller.of(identity).agency();
        checkIds(clientId, experimentId);
        ExperimentRepository.Setup setup = validate(input);
        requireClient(agency, clientId);
        ExperimentRepository.Saved saved;
        try {
            saved = repository.save(agency, clientId, experimentId, setup, expectedVersion(ifMatch));
        } catch (ExperimentChangeRefused refused) {
            throw http(refused);
        }
        Experiment e = saved.experiment();
        if (e.status() == ExperimentStatus.RUNNING) {
            directory.remember(agency, clientId, e);
        }
        return (saved.created()
                ? Response.created(URI.create("/v1/clients/" + clientId + "/experiments/" + experimentId)).entity(e)
                : Response.ok(e)).tag(etag(e)).build();
    }

    @GET
    @Path("/{experimentId}")
    @Operation(operationId = "getExperiment", summary = "Read an experiment", description = "The experiment and its version as the ETag.")
    @APIResponse(responseCode = "200", description = "The experiment.",
            headers = @Header(name = "ETag", description = "The experiment's version", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = Experiment.class)))
    @APIResponse(responseCode = "404", description = "No such experiment of this client in the caller's agency.", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    public Response get(@Parameter(example = "acme-scales") @PathParam("clientId") String clientId,
                        @Parameter(example = "voicemail-or-not") @PathParam("experimentId") String experimentId) {
        Experiment e = find(clientId, experimentId);
        return Response.ok(e).tag(etag(e)).build();
    }

    @GET
    @Operation(operationId = "listExperiments", summary = "List a client's experiments", description = "The client's experiments, by id, paged.")
    @APIResponse(responseCode = "200", description = "A page of experiments.",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ExperimentPage.class)))
    @APIResponse(responseCode = "400", description = "page or size out of range (size 1 to 500), or a bad client id.", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "404", description = "No such client in the caller's agency.", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    public ExperimentPage list(@Parameter(example = "acme-scales") @PathParam("clientId") String clientId,
                               @Parameter(schema = @Schema(type = SchemaType.INTEGER, minimum = "0", defaultValue = "0"))
                               @QueryParam("page") @DefaultValue("0") String page,
                               @Parameter(schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "500", defaultValue = "50"))
                               @QueryParam("size") @DefaultValue("50") String size) {
        checkClientId(clientId);
        String agency = Caller.of(identity).agency();
        int p = intParam("page", page, 0, 1_000_000);
        int s = intParam("size", size, 1, 500);
        requireClient(agency, clientId); // another agency's client is answered as a missing one
        return repository.list(agency, clientId, p, s);
    }

    @POST
    @Path("/{experimentId}/start")
    @Operation(operationId = "startExperiment", summary = "Start an experiment",
            description = "From now on the client's decisions are made in the prospect's arm. A client runs one experiment at a time "
                    + "(409 while another runs); a stopped experiment cannot start again (409). Starting a running one changes nothing.")
    @APIResponse(responseCode = "200", description = "Running.",
            headers = @Header(name = "ETag", description = "The experiment's version", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = Experiment.class)))
    @APIResponse(responseCode = "404", description = "No such experiment.", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "409", description = "Another experiment of the client runs (field experimentId), it was stopped (field status), or an arm's policy is no longer loaded.", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    public Response start(@Parameter(example = "acme-scales") @PathParam("clientId") String clientId,
                          @Parameter(example = "voicemail-or-not") @PathParam("experimentId") String experimentId) {
        String agency = Caller.of(identity).agency();
        Experiment current = find(clientId, experimentId);
        for (int i = 0; i < current.arms().size(); i++) {
            Arm arm = current.arms().get(i);
            try {
                policies.check("arms[" + i + "].", arm.policy(), arm.parameters());
            } catch (ApiException e) { // the rules changed since the set-up: the arm could not decide
                throw new ApiException(409, "policy_unavailable", "arm '" + arm.name() + "' cannot decide now: " + e.getMessage(), e.field());
            }
        }
        Experiment started;
        try {
            started = repository.start(agency, clientId, experimentId);
        } catch (ExperimentChangeRefused refused) {
            throw http(refused);
        }
        directory.remember(agency, clientId, started);
        return Response.ok(started).tag(etag(started)).build();
    }

    @POST
    @Path("/{experimentId}/stop")
    @Operation(operationId = "stopExperiment", summary = "Stop an experiment",
            description = "From now on the client's decisions use its own policy again. Final: the report stays readable. "
                    + "Stopping a stopped one changes nothing; one never started cannot stop (409).")
    @APIResponse(responseCode = "200", description = "Stopped.",
            headers = @Header(name = "ETag", description = "The experiment's version", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = Experiment.class)))
    @APIResponse(responseCode = "404", description = "No such experiment.", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "409", description = "The experiment was never started (field status).", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    public Response stop(@Parameter(example = "acme-scales") @PathParam("clientId") String clientId,
                         @Parameter(example = "voicemail-or-not") @PathParam("experimentId") String experimentId) {
        String agency = Caller.of(identity).agency();
        checkIds(clientId, experimentId);
        Experiment stopped;
        try {
            stopped = repository.stop(agency, clientId, experimentId);
        } catch (ExperimentChangeRefused refused) {
            throw http(refused);
        }
        // read again at the next decision: none runs after this stop, but another one does when this one was stopped already
        directory.forget(agency, clientId);
        return Response.ok(stopped).tag(etag(stopped)).build();
    }

    @GET
    @Path("/{experimentId}/report")
    @Operation(operationId = "getExperimentReport", summary = "An experiment's report",
            description = "Per arm: prospects, decisions, voicemails left, and per metric the prospects with an outcome, the rate with its "
                    + "95% Wilson interval and the difference from the first arm with its 95% Newcombe interval; a verdict in words. "
                    + "The verdict names a winner only once every arm has its planned prospects and their window has passed "
                    + "(docs/experiments.md: why it waits).")
    @APIResponse(responseCode = "200", description = "The report.",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ExperimentReport.class),
                    examples = @ExampleObject(name = "planned sample not reached", value = """
                            {"experimentId": "voicemail-or-not", "clientId": "acme-scales", "status": "RUNNING",
                             "primaryMetric": "callback", "windowDays": 14, "plannedProspectsPerArm": 500,
                             "arms": [
                               {"name": "no-voicemail", "policy": "never", "weight": 1, "prospects": 240, "decisions": 610, "voicemailsLeft": 0,
                                "metrics": {"callback": {"prospects": 5, "rate": 0.0208, "interval": {"low": 0.0089, "high": 0.0478},
                                                         "differenceFromFirst": null}}},
                               {"name": "voicemail", "policy": "always", "weight": 1, "prospects": 252, "decisions": 640, "voicemailsLeft": 598,
                                "metrics": {"callback": {"prospects": 14, "rate": 0.0556, "interval": {"low": 0.0333, "high": 0.0912},
                                                         "differenceFromFirst": {"estimate": 0.0347, "low": -0.0007, "high": 0.0728}}}}],
                             "verdict": {"leader": "voicemail", "winner": null, "plannedSampleReached": false,
                                         "prospectsStillNeeded": 508,
                                         "text": "voicemail is ahead on callback (5.6% against 2.1%), but no winner is declared before the planned 500 prospects per arm: about 508 more prospects are needed."}}""")))
    @APIResponse(responseCode = "404", description = "No such experiment.", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    public ExperimentReport report(@Parameter(example = "acme-scales") @PathParam("clientId") String clientId,
                                   @Parameter(example = "voicemail-or-not") @PathParam("experimentId") String experimentId) {
        return reports.of(find(clientId, experimentId));
    }

    private Experiment find(String clientId, String experimentId) {
        checkIds(clientId, experimentId);
        return repository.find(Caller.of(identity).agency(), clientId, experimentId)
                .orElseThrow(() -> ApiException.notFound("no experiment '" + experimentId + "' of client '" + clientId + "'"));
    }

    private void requireClient(String agency, String clientId) {
        if (clients.find(agency, clientId).isEmpty()) {
            throw ApiException.notFound("no client '" + clientId + "'");
        }
    }

    private ExperimentRepository.Setup validate(ExperimentInput in) {
        if (in == null) {
            throw ApiException.badRequest(null, "the body must be an experiment: {\"arms\", \"primaryMetric\", \"plannedProspectsPerArm\", ...}");
        }
        if (in.description() != null && in.description().length() > 1000) {
            throw ApiException.badRequest("description", "description is longer than 1000 characters");
        }
        List<Arm> arms = in.arms();
        if (arms == null || arms.size() < 2) {
            throw ApiException.badRequest("arms", "an experiment needs at least 2 arms");
        }
        if (arms.size() > MAX_ARMS) {
            throw new ApiException(413, "limit_exceeded", "at most " + MAX_ARMS + " arms", "arms");
        }
        List<Arm> checked = new ArrayList<>(arms.size());
        Set<String> names = new HashSet<>();
        for (int i = 0; i < arms.size(); i++) {
            String at = "arms[" + i + "]";
            Arm arm = arms.get(i);
            if (arm == null) {
                throw ApiException.badRequest(at, at + " must be an arm: {\"name\", \"policy\", \"weight\"}");
            }
            if (arm.name() == null || !ARM_NAME.matcher(arm.name()).matches()) {
                throw ApiException.badRequest(at + ".name", "an arm's name is 1 to 32 of [A-Za-z0-9._-]");
            }
            if (!names.add(arm.name())) {
                throw ApiException.badRequest(at + ".name", "two arms are named '" + arm.name() + "'");
            }
            if (arm.policy() == null || arm.policy().isBlank()) {
                throw ApiException.badRequest(at + ".policy", at + ".policy is required");
            }
            if (arm.policy().length() > 64) {
                throw ApiException.badRequest(at + ".policy", at + ".policy is longer than 64 characters");
            }
            if (arm.weight() == null || arm.weight() < 1 || arm.weight() > MAX_WEIGHT) {
                throw ApiException.badRequest(at + ".weight", "an arm's weight is an integer from 1 to " + MAX_WEIGHT);
            }
            Map<String, Object> parameters = arm.parameters() == null ? Map.of() : arm.parameters();
            policies.check(at + ".", arm.policy(), parameters);
            checked.add(new Arm(arm.name(), arm.policy(), parameters, arm.weight()));
        }
        Metric metric = Metric.parse(in.primaryMetric());
        if (metric == null) {
            throw ApiException.badRequest("primaryMetric", "primaryMetric is one of callback, connect, reply, meeting");
        }
        int window = in.windowDays() == null ? DEFAULT_WINDOW_DAYS : in.windowDays();
        if (window < 1 || window > MAX_WINDOW_DAYS) {
            throw ApiException.badRequest("windowDays", "windowDays is an integer from 1 to " + MAX_WINDOW_DAYS);
        }
        if (in.plannedProspectsPerArm() == null || in.plannedProspectsPerArm() < MIN_PLANNED
                || in.plannedProspectsPerArm() > MAX_PLANNED) {
            throw ApiException.badRequest("plannedProspectsPerArm", "plannedProspectsPerArm is an integer from " + MIN_PLANNED
                    + " to " + MAX_PLANNED + " (docs/experiments.md: how many a difference needs)");
        }
        return new ExperimentRepository.Setup(in.description(), List.copyOf(checked), metric, window, in.plannedProspectsPerArm());
    }

    private static ApiException http(ExperimentChangeRefused refused) {
        return switch (refused.why()) {
            case PRECONDITION -> refused.field() == null
                    ? ApiException.notFound(refused.getMessage())
                    : new ApiException(412, "precondition_failed", refused.getMessage(), refused.field());
            case CONFLICT -> new ApiException(409, "conflict", refused.getMessage(), refused.field());
        };
    }

    private static void checkIds(String clientId, String experimentId) {
        checkClientId(clientId);
        if (experimentId == null || !InputFields.CLIENT_ID.matcher(experimentId).matches()) {
            throw ApiException.badRequest("experimentId", "an experiment id is 1 to 64 of [A-Za-z0-9._-]");
        }
    }

    private static void checkClientId(String clientId) {
        if (clientId == null || !InputFields.CLIENT_ID.matcher(clientId).matches()) {
            throw ApiException.badRequest("clientId", "a client id is 1 to 64 of [A-Za-z0-9._-]");
        }
    }

    static EntityTag etag(Experiment e) {
        return new EntityTag(Long.toString(e.version()));
    }

    /** As for clients: null without If-Match, ANY_VERSION for *, 0 (no version) for a tag that is not ours. */
    private static Long expectedVersion(String ifMatch) {
        return IfMatch.expectedVersion(ifMatch, ExperimentRepository.ANY_VERSION, 0L);
    }

    static int intParam(String name, String value, int min, int max) {
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
