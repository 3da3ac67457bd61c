package dev.voicemail.authoring;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.voicemail.api.ApiError;
import dev.voicemail.api.ApiException;
import dev.voicemail.auth.Caller;
import dev.voicemail.auth.OperatorAgency;
import dev.voicemail.auth.Roles;
import dev.voicemail.rules.RuleError;
import dev.voicemail.rules.RuleSet;
import dev.voicemail.rules.RulesRegistry;
import dev.voicemail.rules.RulesReloader;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

/**
 * What a rule author sees of the loaded rules, and how they reload and validate them. The rules are
 * shared by every agency: any admin or author may read their status, only an author of the operator's
 * agency ({@link OperatorAgency}) may reload or validate, and each agency sees only its own clients.
 */
@Tag(name = "Rules", description = "What a rule author sees of the loaded rules and policies (role author).")
@SecurityRequirement(name = "apiKey")
@Path("/v1/rules")
@Produces(MediaType.APPLICATION_JSON)
public class RulesResource {

    static final int MAX_FILES = 100;
    static final int MAX_FILE_CHARS = 512 * 1024;
    static final int MAX_PATH = 255;
    private static final Pattern PATH = Pattern.compile("[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)*");

    /** {@code lastError} is null when the last load succeeded. */
    @Schema(name = "RulesStatus", description = "The loaded rule set.")
    public record Status(@Schema(required = true, examples = "sha256:4a3038bcc3b6a9dd25eb3830312eae37b8e26965252d84e270e5142b842e61de") String version,
                         @Schema(required = true) Instant loadedAt,
                         @Schema(required = true, description = "Rule files, relative to the rules directory.") List<String> files,
                         @Schema(required = true) List<String> policies,
                         @Schema(required = true, nullable = true, description = "Why the last load failed; null when it succeeded.")
                         RulesReloader.LoadError lastError) {
    }

    @Schema(name = "RulesReloaded", description = "The rule set loaded by a reload.")
    public record Reloaded(@Schema(required = true) String version, @Schema(required = true) Instant loadedAt,
                           @Schema(required = true, description = "Whether anything changed.") boolean changed,
                           @Schema(required = true) List<String> policies) {
    }

    @Schema(name = "RulesRejected", description = "The rules directory does not load: the error and each problem.")
    public record Rejected(@Schema(required = true, examples = "rules_invalid") String error, @Schema(required = true) String message,
                           @Schema(required = true) List<RuleError> errors) {
    }

    /** @param files DRL text by path relative to the rules directory */
    @Schema(name = "RulesValidation", description = "DRL files to compile with the loaded ones (same path replaces).")
    public record ValidateRequest(
            @Schema(required = true, description = "DRL text by relative path (policies/x.drl, common/y.drl); at most 100 of 512 KiB.")
            Map<String, String> files) {
    }

    @Schema(name = "RulesValidated", description = "Whether the files would load, and each problem.")
    public record Validation(@Schema(required = true) boolean valid, @Schema(required = true) List<RuleError> errors) {
    }

    private final RulesRegistry registry;
    private final RulesReloader reloader;
    private final OperatorAgency operatorAgency;
    private final SecurityIdentity identity;

    public RulesResource(RulesRegistry registry, RulesReloader reloader, OperatorAgency operatorAgency,
                         SecurityIdentity identity) {
        this.registry = registry;
        this.reloader = reloader;
        this.operatorAgency = operatorAgency;
        this.identity = identity;
    }

    @GET
    @Operation(operationId = "getRulesStatus", summary = "The loaded rules",
            description = "Version, files and policies of the rule set that decides, and why the last load failed (if it did).")
    @APIResponse(responseCode = "200", description = "The loaded rule set.", content = @Content(mediaType = "application/json", schema = @Schema(implementation = Status.class)))
    @RolesAllowed({Roles.ADMIN, Roles.AUTHOR})
    public Status status() {
        RuleSet rules = registry.current();
        return new Status(rules.version(), rules.loadedAt(), rules.files(),
                List.copyOf(new TreeSet<>(rules.policies().keySet())), seenBy(Caller.of(identity), reloader.lastError()));
    }

    /** The operator's agency sees every client an error names; any other agency only its own. */
    private RulesReloader.LoadError seenBy(Caller caller, RulesReloader.LoadError error) {
        if (error == null || operatorAgency.includes(caller)) {
            return error;
        }
        String own = caller.agency() + "/";
        return new RulesReloader.LoadError(error.at(), error.errors().stream().map(e -> e.seenBy(c -> c.startsWith(own))).toList());
    }

    /** Reloading and validating change or try what every agency runs: the operator's authors alone. */
    private void mayChangeRules() {
        if (!operatorAgency.mayChangeRules(Caller.of(identity))) {
            throw new ApiException(403, "forbidden", "the rules are shared by every agency: only an author key of the"
                    + " operator's agency may reload or validate them", null);
        }
    }

    /** Reloads now (for file systems without change events); 422 with the errors when the files do not load. */
    @POST
    @Path("/reload")
    @Operation(operationId = "reloadRules", summary = "Reload the rules now",
            description = "For file systems without change events. A rule set that does not load leaves the last good one deciding.")
    @APIResponse(responseCode = "200", description = "Loaded (or unchanged).", content = @Content(mediaType = "application/json", schema = @Schema(implementation = Reloaded.class)))
    @APIResponse(responseCode = "422", description = "The rules directory does not load; the last good rules keep deciding.", content = @Content(mediaType = "application/json", schema = @Schema(implementation = Rejected.class)))
    @RolesAllowed(Roles.AUTHOR)
    public Uni<Response> reload() {
        mayChangeRules();
        return Uni.createFrom().completionStage(reloader.requestReload()).map(result -> {
            if (!result.loaded()) {
                return Response.status(422).type(MediaType.APPLICATION_JSON_TYPE)
                        .entity(new Rejected("rules_invalid", "the rules directory does not load; the last good rules ("
                                + result.rules().version() + ") keep deciding", result.errors()))
                        .build();
            }
            RuleSet rules = result.rules();
            return Response.ok(new Reloaded(rules.version(), rules.loadedAt(), result.changed(),
                    List.copyOf(new TreeSet<>(rules.policies().keySet())))).build();
        });
    }

    /** Compiles the given files over the loaded ones (same path replaces); loads nothing. */
    @POST
    @Path("/validate")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "validateRules", summary = "Validate rule files",
            description = "Compiles the files with the loaded ones and runs the checks of a reload; loads nothing.")
    @APIResponse(responseCode = "200", description = "Whether they would load, with each error's file, line and column.", content = @Content(mediaType = "application/json", schema = @Schema(implementation = Validation.class)))
    @APIResponse(responseCode = "429", description = "Too many validations are waiting; retry shortly.", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @RolesAllowed(Roles.AUTHOR)
    public Uni<Validation> validate(ValidateRequest request) {
        mayChangeRules();
        Map<String, String> files = check(request);
        CompletableFuture<List<RuleError>> errors = reloader.validate(files).orElseThrow(
                () -> new ApiException(429, "too_many_requests", "too many validations are waiting; retry shortly", null));
        return Uni.createFrom().completionStage(errors).map(e -> new Validation(e.isEmpty(), e));
    }

    /** The submitted files, checked (paths, sizes, count); also how the decision log's impact analysis takes them. */
    public static Map<String, String> check(ValidateRequest request) {
        if (request == null || request.files() == null) {
            throw ApiException.badRequest("files", "the body must be {\"files\": {\"policies/<name>.drl\": \"<DRL>\"}}");
        }
        if (request.files().isEmpty()) {
            throw ApiException.badRequest("files", "give at least one file");
        }
        if (request.files().size() > MAX_FILES) {
            throw new ApiException(413, "limit_exceeded", "at most " + MAX_FILES + " files per validation", "files");
        }
        Map<String, String> files = new LinkedHashMap<>();
        request.files().forEach((path, text) -> {
            String shown = path.length() > 80 ? path.substring(0, 77) + "..." : path;
            if (path.length() > MAX_PATH || !PATH.matcher(path).matches()) {
                throw ApiException.badRequest("files", "'" + shown + "' is not a relative path of up to " + MAX_PATH
                        + " characters of [A-Za-z0-9._-] separated by '/', e.g. policies/my-policy.drl");
            }
            for (String segment : path.split("/")) {
                if (segment.equals("..") || segment.equals(".")) {
                    throw ApiException.badRequest("files", "'" + shown + "' must not contain '.' or '..' segments");
                }
            }
            if (!path.endsWith(".drl")) {
                throw ApiException.badRequest("files", "'" + shown + "' is not a .drl file");
            }
            if (text == null) {
                throw ApiException.badRequest("files", "the DRL text of '" + shown + "' is missing");
            }
            if (text.length() > MAX_FILE_CHARS) {
                throw new ApiException(413, "limit_exceeded", "'" + shown + "' is longer than " + MAX_FILE_CHARS
                        + " characters", "files");
            }
            files.put(path, text);
        });
        return files;
    }
}
