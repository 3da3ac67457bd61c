package dev.voicemail.decisionlog;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.jboss.logging.Logger;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.voicemail.api.ApiError;
import dev.voicemail.api.ApiException;
import dev.voicemail.auth.Caller;
import dev.voicemail.auth.OperatorAgency;
import dev.voicemail.auth.Roles;
import dev.voicemail.authoring.RulesResource;
import dev.voicemail.clients.Client;
import dev.voicemail.clients.ClientDirectory;
import dev.voicemail.decision.DecisionInput;
import dev.voicemail.decision.DecisionResponse;
import dev.voicemail.decision.DecisionService;
import dev.voicemail.decision.RequestReader;
import dev.voicemail.rules.RuleError;
import dev.voicemail.rules.RuleSet;
import dev.voicemail.rules.RulesCompileException;
import dev.voicemail.rules.RulesRegistry;
import dev.voicemail.rules.RulesReloader;

import io.quarkus.security.identity.SecurityIdentity;

/**
 * What a rule edit would change, before it ships: candidate files (compiled and tried as
 * {@code POST /v1/rules/validate} does, loading nothing) decide a window of logged requests again,
 * next to the rules loaded now, both under each client's policy and parameters of now; the answers
 * that differ are counted and grouped. The replay runs where a rule that never ends is stopped, and
 * within {@code voicemail.decision-log.impact-budget}.
 */
@Tag(name = "Rules", description = "What a rule author sees of the loaded rules and policies (roles author and admin); changing them is for the operator's authors.")
@SecurityRequirement(name = "apiKey")
@RolesAllowed(Roles.AUTHOR)
@Path("/v1/rules")
@Produces(MediaType.APPLICATION_JSON)
public class ImpactResource {

    /**
     * Logged decisions read at a time, and waiting for the workers at most: a logged request is up to
     * about 110 KB (1,000 attempts), twice that while the database reads it, in a heap of 160 MB. What
     * is in flight must fit the young generation's survivor space, or it is promoted and fills the old
     * generation: with pages of 100 and 32 waiting (about 7 MB of 500-attempt requests), 100,000
     * decisions took 444 full collections, about half the replay's 112 s (bench/NOTES.md).
     */
    private static final int PAGE = 20;
    private static final int QUEUED = 8;
    private static final Logger LOG = Logger.getLogger(ImpactResource.class);
    private static final int EXAMPLES = 20;
    private static final Duration COMPILE_WAIT = Duration.ofMinutes(2);

    /**
     * @param files    DRL text by path, as validate takes them
     * @param from     start of the window (inclusive), default the retention's start
     * @param to       end of the window (exclusive), default now
     * @param clientId only this client's decisions (of any agency)
     * @param policy   only decisions made under this policy
     * @param limit    at most this many decisions (newest first), up to {@code voicemail.decision-log.impact-max}
     */
    @Schema(requiredProperties = {"files"})
    public record ImpactRequest(Map<String, String> files, String from, String to, String clientId, String policy,
                                Integer limit) {
    }

    /** What a decision was (under the loaded rules) or would be (under the candidate). */
    @Schema(name = "ImpactOutcome", requiredProperties = {"action"}, description = "An answer's action, message kind and sequence (or, where the policy is not"
            + " defined, the error's code as the action).")
    public record Outcome(String action, String messageKind, String sequence) {
        static Outcome of(DecisionResponse r) {
            return new Outcome(r.action().name(), r.message() == null ? null : r.message().kind().name(),
                    r.next() == null || r.next().sequence() == null ? null : r.next().sequence().name());
        }
    }

    /** @param client agency/clientId */
    @Schema(name = "ImpactGroup", requiredProperties = {"client", "policy", "from", "to", "count", "examples"}, description = "Decisions of one client and policy that change the same way, with up to 20"
            + " example decision ids, newest first.")
    public record Group(String client, String policy, Outcome from, Outcome to, long count, List<String> examples) {
    }

    /**
     * @param decisionsRead logged decisions in the window (at most the limit)
     * @param skipped       decisions whose client no longer exists
     * @param truncated     true when the window holds more decisions than were read
     * @param answersFromLog replayed decisions whose logged answer stood for the loaded rules' (the same
     *                      rules version, client version and build, no experiment), so only the candidate decided them
     */
    @Schema(name = "RuleImpact", requiredProperties = {"decisionsRead", "replayed", "changed", "skipped", "truncated",
            "answersFromLog", "loadedVersion", "candidateVersion", "groups", "elapsedMs"}, description = "What the candidate rules change in the window: decisions read, replayed"
            + " (skipped: their client no longer exists), changed, and the changes grouped; answersFromLog counts the"
            + " replayed decisions whose logged answer was the loaded rules' answer (same rules version, client version"
            + " and build, no experiment), so only the candidate decided them.")
    public record Impact(long decisionsRead, long replayed, long changed, long skipped, boolean truncated, long answersFromLog,
                         String loadedVersion, String candidateVersion, List<Group> groups, long elapsedMs) {
    }

    private final RulesReloader reloader;
    private final RulesRegistry registry;
    private final DecisionLogRepository repository;
    private final ClientDirectory clients;
    private final RequestReader reader;
    private final ObjectMapper json;
    private final OperatorAgency operatorAgency;
    private final DecisionLogConfig config;
    private final SecurityIdentity identity;
    private final DecidingBuild build;

    public ImpactResource(RulesReloader reloader, RulesRegistry registry, DecisionLogRepository repository,
                          ClientDirectory clients, RequestReader reader, ObjectMapper json, OperatorAgency operatorAgency,
                          DecisionLogConfig config, SecurityIdentity identity, DecidingBuild build) {
        this.reloader = reloader;
        this.registry = registry;
        this.repository = repository;
        this.clients = clients;
        this.reader = reader;
        this.json = json;
        this.operatorAgency = operatorAgency;
        this.config = config;
        this.identity = identity;
        this.build = build;
    }

    @POST
    @Path("/impact")
    @Operation(operationId = "ruleImpact", summary = "Show what a rule edit would change",
            description = "Compiles candidate files as validate does (loading nothing), decides a window of logged requests"
                    + " under them and under the loaded rules, and counts the answers that differ, grouped by client, policy"
                    + " and from -> to, with example decision ids. The operator's authors only.")
    @APIResponse(responseCode = "200", description = "What the candidate changes.",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = Impact.class)))
    @APIResponse(responseCode = "422", description = "rules_invalid: the candidate does not validate (each error with its file"
            + " and line); impact_stopped: the replay was stopped (a rule that does not end) or ran past the budget.",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "429", description = "Too many validations are waiting; retry shortly.",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @Consumes(MediaType.APPLICATION_JSON)
    public Response impact(ImpactRequest request) throws InterruptedException {
        long started = System.nanoTime();
        if (!operatorAgency.mayChangeRules(Caller.of(identity))) {
            throw new ApiException(403, "forbidden", "the rules are shared by every agency: only an author key of the"
                    + " operator's agency may try changes to them", null);
        }
        if (request == null) {
            throw ApiException.badRequest("files", "the body must be {\"files\": {...}, \"from\", \"to\", \"clientId\", \"policy\", \"limit\"}");
        }
        Map<String, String> files = RulesResource.check(new RulesResource.ValidateRequest(request.files()));
        Instant from = LogQuery.time("from", request.from());
        Instant to = LogQuery.time("to", request.to());
        LogQuery.window(from, to);
        int limit = config.impactMax();
        if (request.limit() != null) {
            if (request.limit() < 1 || request.limit() > config.impactMax()) {
                throw ApiException.badRequest("limit", "limit is from 1 to " + config.impactMax());
            }
            limit = request.limit();
        }
        DecisionLogRepository.Filter filter = new DecisionLogRepository.Filter(LogQuery.clientId("clientId", request.clientId()),
                null, from, to, null, LogQuery.policy(request.policy()));

        RuleSet candidate = compile(files);
        RuleSet loaded = registry.current();
        long replayStarted = System.nanoTime(); // the budget counts the replay, not the wait for the compiler
        long deadline = replayStarted + config.impactBudget().toNanos();
        Map<String, Optional<Client>> today = new HashMap<>();
        long read = 0, skipped = 0;
        boolean truncated = false;
        UUID after = null;
        // This thread reads the window page by page and hands each decision to one replaying worker per
        // core, each confined and within the budget; the queue is short, so that a window of long
        // histories never sits in memory whole.
        int workers = Math.max(1, Runtime.getRuntime().availableProcessors());
        BlockingQueue<Work> queue = new ArrayBlockingQueue<>(QUEUED);
        AtomicBoolean abandon = new AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, "impact-replay");
            t.setDaemon(true);
            return t;
        });
        List<Future<Replayed>> replays = new ArrayList<>(workers);
        try {
            for (int i = 0; i < workers; i++) {
                replays.add(pool.submit(() -> reloader.runConfined(candidate, () -> replay(loaded, candidate, queue, abandon),
                        Duration.ofNanos(Math.max(1, deadline - System.nanoTime())))));
            }
            long seq = 0;
            boolean complete = true;
            reading:
            while (read < limit) {
                int n = (int) Math.min(PAGE, limit - read);
                List<DecisionLogRepository.Row> rows = repository.list(null, filter,
                        after == null ? null : DecisionIds.timeOf(after), after, n, true, false);
                if (rows.isEmpty()) {
                    break;
                }
                after = rows.get(rows.size() - 1).id();
                read += rows.size();
                for (DecisionLogRepository.Row row : rows) {
                    Optional<Client> client = today.computeIfAbsent(row.agency() + "/" + row.clientId(),
                            k -> clients.load(row.agency(), row.clientId()));
                    if (client.isEmpty()) {
                        skipped++;
                        continue;
                    }
                    if (!hand(queue, new Work(seq++, row, client.get()), replays, deadline)) {
                        complete = false;
                        break reading; // a worker ended early (stopped or failed), or the budget ran out: said below
                    }
                }
                if (rows.size() < n) {
                    break;
                }
            }
            for (int i = 0; complete && i < workers; i++) {
                complete = hand(queue, Work.END, replays, deadline);
            }
            if (!complete) {
                abandon.set(true); // the workers return what they have; a stopped or failed one says why below
            }
            List<Changed> changes = new ArrayList<>();
            long fromLog = 0;
            for (Future<Replayed> f : replays) {
                try {
                    Replayed r = f.get();
                    changes.addAll(r.changed());
                    fromLog += r.answersFromLog();
                } catch (ExecutionException e) {
                    abandon.set(true);
                    if (e.getCause() instanceof RulesCompileException stopped) {
                        return Response.status(422).entity(new RulesResource.Rejected("impact_stopped",
                                "the replay under the candidate rules was stopped", stopped.errors())).build();
                    }
                    if (e.getCause() instanceof RuntimeException r) {
                        throw r;
                    }
                    throw new IllegalStateException("the replay failed", e.getCause());
                }
            }
            if (!complete) {
                throw overBudget();
            }
            if (read >= limit) {
                truncated = !repository.list(null, filter, DecisionIds.timeOf(after), after, 1, false).isEmpty();
            }
            // in the order read (newest first), whichever worker replayed them: the same answer every time
            changes.sort(Comparator.comparingLong(Changed::seq));
            Map<List<Object>, Group> groups = new LinkedHashMap<>();
            for (Changed c : changes) {
                groups.compute(List.of(c.client(), c.policy(), c.before(), c.after()), (k, g) -> {
                    List<String> examples = g == null ? new ArrayList<>() : new ArrayList<>(g.examples());
                    if (examples.size() < EXAMPLES) {
                        examples.add(c.id().toString());
                    }
                    return new Group(c.client(), c.policy(), c.before(), c.after(), g == null ? 1 : g.count() + 1, examples);
                });
            }
            LOG.infof("Impact of candidate %s: compiled and tried in %d ms, %d logged decisions read and %d replayed"
                    + " (%d of them with their logged answer as the loaded rules' answer) in %d ms on %d workers, %d changed",
                    candidate.version(), (replayStarted - started) / 1_000_000, read, read - skipped, fromLog,
                    (System.nanoTime() - replayStarted) / 1_000_000, workers, changes.size());
            return Response.ok(new Impact(read, read - skipped, changes.size(), skipped, truncated, fromLog, loaded.version(),
                    candidate.version(), List.copyOf(groups.values()), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)))
                    .build();
        } finally {
            abandon.set(true);
            // The workers see abandon within their 50 ms poll and return. Interrupted at once (the reader
            // failed: the database went away), runConfined took them for runaways and Thread.stop()ped
            // them mid-decision, on the loaded rules too, logging a runaway rule. Only a worker still
            // busy after a moment is interrupted.
            pool.shutdown();
            try {
                if (!pool.awaitTermination(1, TimeUnit.SECONDS)) {
                    pool.shutdownNow();
                }
            } catch (InterruptedException e) {
                pool.shutdownNow();
                Thread.currentThread().interrupt();
            }
        }
    }

    /** A logged decision to replay, numbered in the order read; {@link #END} tells a worker there is no more. */
    private record Work(long seq, DecisionLogRepository.Row row, Client client) {
        static final Work END = new Work(-1, null, null);
    }

    /** A decision whose outcome the candidate changes; {@code client} is agency/clientId. */
    private record Changed(long seq, UUID id, String client, String policy, Outcome before, Outcome after) {
    }

    /** What a worker found, and how many of its decisions the loaded rules did not decide again. */
    private record Replayed(List<Changed> changed, long answersFromLog) {
    }

    /**
     * Queues work for the replaying workers, waiting while they are busy; false when it cannot be
     * given: a worker has ended before the end (stopped or failed: its result says why), or the budget ran out.
     */
    private static boolean hand(BlockingQueue<Work> queue, Work w, List<Future<Replayed>> replays, long deadline)
            throws InterruptedException {
        while (!queue.offer(w, 50, TimeUnit.MILLISECONDS)) {
            if (System.nanoTime() > deadline || replays.stream().anyMatch(Future::isDone)) {
                return false;
            }
        }
        return true;
    }

    /**
     * A worker: each queued request decided under both rule sets, until the end; the ones whose action,
     * message kind or sequence differ. A policy the edit left as it was (the same compiled policy in
     * both) decides the same: it is not decided twice. Where the logged answer stands for the loaded
     * rules' ({@link #loggedAnswerStands}), it is the "before", and only the candidate decides.
     */
    private Replayed replay(RuleSet loaded, RuleSet candidate, BlockingQueue<Work> queue, AtomicBoolean abandon) {
        List<Changed> changed = new ArrayList<>();
        long fromLog = 0;
        try {
            while (!abandon.get()) {
                Work w = queue.poll(50, TimeUnit.MILLISECONDS);
                if (w == null) {
                    continue;
                }
                if (w == Work.END) {
                    break;
                }
                String policy = w.client().policy();
                if (loaded.policy(policy) != null && loaded.policy(policy) == candidate.policy(policy)) {
                    continue;
                }
                DecisionInput in = DecisionLogResource.input(json, reader, w.row());
                Outcome before;
                if (loggedAnswerStands(w.row(), w.client(), loaded, build.id())) {
                    before = new Outcome(w.row().action(), w.row().messageKind(), w.row().sequence());
                    fromLog++;
                } else {
                    before = outcome(loaded, w.client(), in);
                }
                Outcome after = outcome(candidate, w.client(), in);
                if (!before.equals(after)) {
                    changed.add(new Changed(w.seq(), w.row().id(), w.row().agency() + "/" + w.row().clientId(), policy,
                            before, after));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return new Replayed(changed, fromLog);
    }

    /**
     * True when the loaded rules would answer a logged request as it was answered: the same rules
     * (their digest), the same client (version and updated_at: a client created again starts at
     * version 1 again) under its own policy (no experiment's arm), and the same build of the service,
     * whose Java turns the request into facts. Deciding is a function of these and the request.
     */
    static boolean loggedAnswerStands(DecisionLogRepository.Row row, Client client, RuleSet loaded, String build) {
        DecisionLogRepository.Basis b = row.basis();
        return b != null && b.experimentId() == null && b.clientVersion() != null && b.clientVersion() == client.version()
                && b.clientUpdatedAt() != null && client.updatedAt() != null
                && b.clientUpdatedAt().equals(DecisionLogRepository.Basis.at(client.updatedAt()))
                && build.equals(b.build()) && loaded.version().equals(row.rulesVersion())
                && client.policy().equals(row.policy());
    }

    /** A policy the rule set does not define decides nothing: shown as the error's code. */
    private static Outcome outcome(RuleSet rules, Client client, DecisionInput in) {
        try {
            return Outcome.of(DecisionService.decide(rules, client, in));
        } catch (ApiException e) {
            return new Outcome(e.code(), null, null);
        }
    }

    private RuleSet compile(Map<String, String> files) throws InterruptedException {
        var pending = reloader.candidate(files).orElseThrow(
                () -> new ApiException(429, "too_many_requests", "too many validations are waiting; retry shortly", null));
        RulesReloader.Candidate c;
        try {
            // compiling waits its turn on the reload thread, as validate does; the replay budget starts after it
            c = pending.get(COMPILE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new ApiException(503, "rules_busy", "the candidate rules could not be compiled in time; retry shortly", null);
        }
        if (c.rules() == null) {
            throw new ApiException(422, "rules_invalid", "the candidate rules do not validate: "
                    + c.errors().stream().map(RuleError::toString).limit(3).toList(), "files", c.errors());
        }
        return c.rules();
    }

    private ApiException overBudget() {
        return new ApiException(422, "impact_stopped", "the replay ran past " + config.impactBudget().toMillis()
                + " ms (voicemail.decision-log.impact-budget): narrow the window", null);
    }
}
