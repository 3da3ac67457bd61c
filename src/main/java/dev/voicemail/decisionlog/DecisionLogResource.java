package dev.voicemail.decisionlog;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.openapi.annotations.Operation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.voicemail.api.ApiException;
import dev.voicemail.api.InputFields;
import dev.voicemail.auth.Caller;
import dev.voicemail.auth.Roles;
import dev.voicemail.clients.Client;
import dev.voicemail.clients.ClientDirectory;
import dev.voicemail.decision.DecisionInput;
import dev.voicemail.decision.DecisionRequest;
import dev.voicemail.decision.DecisionResponse;
import dev.voicemail.decision.DecisionService;
import dev.voicemail.facts.Reason;
import dev.voicemail.decision.RequestReader;
import dev.voicemail.outcomes.OutcomeRepository;
import dev.voicemail.rules.RulesRegistry;

import io.quarkus.security.identity.SecurityIdentity;

/**
 * Reading the decision log, and deciding a logged request again. Each agency sees only its own
 * entries: another agency's id answers exactly as a missing one (404).
 */
@Tag(name = "Decision log", description = "Every decision kept: looked up, paged and replayed (roles crm and admin; each agency sees its own).")
@SecurityRequirement(name = "apiKey")
@RolesAllowed({Roles.CRM, Roles.ADMIN})
@Path("/v1/decisions")
@Produces(MediaType.APPLICATION_JSON)
public class DecisionLogResource {

    /** The shape of an id, so that other paths below /v1/decisions (POST /batch in any spelling) are not taken for one. */
    private static final String ID = "[0-9a-fA-F-]{36}";
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };

    /** One difference between the logged answer and today's. */
    public record Difference(
            @Schema(required = true, description = "policy, action, message.kind, next.sequence or reasons") String field,
            @Schema(description = "What the log holds (for reasons: the rules' names in firing order, joined by ' → ').")
            String logged,
            @Schema(description = "What today's rules answer, in the same form.") String replayed) {
    }

    /**
     * @param logged   the entry as recorded
     * @param replayed today's answer to the same request (no id: it is not a decision anyone acts on)
     */
    @Schema(requiredProperties = {"decisionId", "changed", "differences", "logged", "replayed"})
    public record Replay(String decisionId, boolean changed, List<Difference> differences, LoggedDecision logged,
                         DecisionResponse replayed) {
    }

    private final DecisionLogRepository repository;
    private final ClientDirectory clients;
    private final RequestReader reader;
    private final RulesRegistry rules;
    private final ObjectMapper json;
    private final SecurityIdentity identity;
    private final OutcomeRepository outcomes;

    public DecisionLogResource(DecisionLogRepository repository, ClientDirectory clients, RequestReader reader,
                               RulesRegistry rules, ObjectMapper json, SecurityIdentity identity, OutcomeRepository outcomes) {
        this.repository = repository;
        this.outcomes = outcomes;
        this.clients = clients;
        this.reader = reader;
        this.rules = rules;
        this.json = json;
        this.identity = identity;
    }

    @GET
    @Operation(operationId = "listDecisions", summary = "Page through the decision log",
            description = "The caller's agency's decisions, newest first, filtered by client, prospect, time window and"
                    + " action; at most 500 a page, with a cursor for the next page.")
    public LoggedDecision.Page list(@QueryParam("clientId") String clientId, @QueryParam("prospectId") String prospectId,
                                    @QueryParam("from") String from, @QueryParam("to") String to,
                                    @QueryParam("action") String action, @QueryParam("limit") String limit,
                                    @QueryParam("cursor") String cursor) {
        DecisionLogRepository.Filter filter = new DecisionLogRepository.Filter(LogQuery.clientId("clientId", clientId),
                LogQuery.prospectId("prospectId", prospectId), LogQuery.time("from", from), LogQuery.time("to", to),
                LogQuery.action(action), null);
        LogQuery.window(filter.from(), filter.to());
        int n = LogQuery.limit(limit);
        UUID after = LogQuery.cursor(cursor);
        List<DecisionLogRepository.Row> rows = repository.list(agency(), filter,
                after == null ? null : DecisionIds.timeOf(after), after, n + 1, false);
        List<LoggedDecision> items = new ArrayList<>(Math.min(n, rows.size()));
        for (int i = 0; i < Math.min(n, rows.size()); i++) {
            items.add(entry(rows.get(i)));
        }
        return new LoggedDecision.Page(items, rows.size() > n ? LogQuery.cursor(rows.get(n - 1).id()) : null);
    }

    @GET
    @Path("/{decisionId: " + ID + "}")
    @Operation(operationId = "getDecision", summary = "Read one logged decision",
            description = "One entry of the decision log, with the validated request, the answer it got and the outcomes"
                    + " attributed to it; another agency's id is a 404.")
    public LoggedDecision get(@PathParam("decisionId") String decisionId) {
        DecisionLogRepository.Row row = find(decisionId);
        return entry(row).withOutcomes(outcomes.attributedTo(row.agency(), row.id()));
    }

    /**
     * Decides the logged request again under the rules loaded now and the client's policy and
     * parameters of now, and names what differs.
     */
    @POST
    @Path("/{decisionId: " + ID + "}/replay")
    @Operation(operationId = "replayDecision", summary = "Decide a logged request again",
            description = "Decides the logged request again under today's rules and the client's policy and parameters of"
                    + " today, and lists what differs field by field.")
    public Replay replay(@PathParam("decisionId") String decisionId) {
        DecisionLogRepository.Row row = find(decisionId);
        Optional<Client> client = clients.find(row.agency(), row.clientId());
        if (client.isEmpty()) {
            throw new ApiException(409, "client_gone", "client '" + row.clientId()
                    + "' no longer exists, so there is no policy of today to decide under", "decisionId");
        }
        DecisionInput in = input(json, reader, row);
        DecisionResponse now = DecisionService.decide(rules.current(), client.get(), in);
        LoggedDecision logged = entry(row);
        List<Difference> differences = differences(row, now);
        return new Replay(logged.decisionId(), !differences.isEmpty(), differences, logged, now);
    }

    /** The input a logged decision was decided on (see {@link DecisionLogRepository.Row}). */
    static DecisionInput input(ObjectMapper json, RequestReader reader, DecisionLogRepository.Row row) {
        if (LoggedInput.isText(row.request())) {
            return LoggedInput.fromText(row.request());
        }
        try {
            return reader.read(json.readValue(row.request(), DecisionRequest.class));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a logged request is unreadable", e);
        }
    }

    /** A full row's request as a request body: made from its logged input, or the JSON of a row logged before that form. */
    private JsonNode requestBody(DecisionLogRepository.Row r) throws JsonProcessingException {
        if (LoggedInput.isText(r.request())) {
            return json.valueToTree(DecisionLogRepository.request(LoggedInput.fromText(r.request())));
        }
        return r.request() == null ? null : json.readTree(r.request());
    }

    /** Field by field: the policy, the action, the message's kind, the sequence, the reasons' rules. */
    static List<Difference> differences(DecisionLogRepository.Row logged, DecisionResponse now) {
        List<Difference> d = new ArrayList<>();
        diff(d, "policy", logged.policy(), now.policy());
        diff(d, "action", logged.action(), now.action().name());
        diff(d, "message.kind", logged.messageKind(), now.message() == null ? null : now.message().kind().name());
        diff(d, "next.sequence", logged.sequence(), now.next() == null || now.next().sequence() == null ? null : now.next().sequence().name());
        List<String> before = readRules(logged.reasonRules());
        List<String> after = now.reasons().stream().map(Reason::rule).toList();
        if (!before.equals(after)) {
            d.add(new Difference("reasons", String.join(" → ", before), String.join(" → ", after)));
        }
        return d;
    }

    private static void diff(List<Difference> d, String field, String logged, String now) {
        if (!java.util.Objects.equals(logged, now)) {
            d.add(new Difference(field, logged, now));
        }
    }

    private static final ObjectMapper PLAIN = new ObjectMapper();

    static List<String> readRules(String text) {
        try {
            return PLAIN.readValue(text, STRINGS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a logged entry is unreadable", e);
        }
    }

    private DecisionLogRepository.Row find(String decisionId) {
        UUID id = DecisionIds.parse(decisionId);
        DecisionLogRepository.Row row = id == null ? null : repository.find(agency(), id);
        if (row == null) {
            throw ApiException.notFound("no decision '" + InputFields.shown(decisionId) + "'");
        }
        return row;
    }

    private String agency() {
        return Caller.of(identity).agency();
    }

    private LoggedDecision entry(DecisionLogRepository.Row r) {
        try {
            JsonNode answer = r.answer() == null ? null : json.readTree(r.answer());
            if (answer instanceof com.fasterxml.jackson.databind.node.ObjectNode o) {
                // the answer as the caller received it, with its id first
                com.fasterxml.jackson.databind.node.ObjectNode withId = json.createObjectNode().put("decisionId", r.id().toString());
                withId.setAll(o);
                answer = withId;
            }
            return new LoggedDecision(r.id().toString(), r.decidedAt(), r.clientId(), r.prospectId(), r.policy(),
                    r.basis() == null ? null : r.basis().clientVersion(), r.rulesVersion(), r.action(), r.messageKind(), r.sequence(), readRules(r.reasonRules()),
                    json.readTree(r.next()), requestBody(r), answer, null);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a logged entry is unreadable", e);
        }
    }
}
