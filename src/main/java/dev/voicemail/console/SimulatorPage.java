package dev.voicemail.console;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.SecurityIdentity;

import dev.voicemail.api.ApiException;
import dev.voicemail.auth.Caller;
import dev.voicemail.auth.Roles;
import dev.voicemail.clients.Client;
import dev.voicemail.clients.ClientDirectory;
import dev.voicemail.decision.DecisionInput;
import dev.voicemail.decision.DecisionRequest;
import dev.voicemail.decision.DecisionResponse;
import dev.voicemail.decision.DecisionService;
import dev.voicemail.decision.RequestReader;
import dev.voicemail.facts.Channel;
import dev.voicemail.facts.Direction;
import dev.voicemail.facts.Outcome;
import dev.voicemail.facts.Reason;
import dev.voicemail.rules.RulesRegistry;

/**
 * The Simulator: build a prospect's attempt history for one of the agency's clients and see what the
 * rules decide, with each reason, the message and the next guidance; then take the case away as a
 * scenario file for rules/tests. Role crm, as for {@code POST /v1/decisions}, and the request is read
 * by the API's own {@link RequestReader}; a simulated call is decided but not written to the decision
 * log (no one acts on it).
 */
@Path(ConsolePaths.SIMULATOR)
@RolesAllowed(Roles.CRM)
@Produces(MediaType.TEXT_HTML)
public class SimulatorPage {

    /** The most touches the form takes (the API's own limit is higher; a hand-built history is short). */
    static final int MAX_TOUCHES = 100;

    public record Touch(String at, String channel, String outcome, String direction, boolean decisionMaker) {
    }

    public record Case(String clientId, String prospectId, String prospectZone, String callAt, List<Touch> touches) {
    }

    private final ClientDirectory clients;
    private final RequestReader reader;
    private final RulesRegistry rules;
    private final SecurityIdentity identity;
    private final ConsolePages pages;
    private final Template simulator;
    private final YAMLMapper yaml = YAMLMapper.builder().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES).build();

    public SimulatorPage(ClientDirectory clients, RequestReader reader, RulesRegistry rules, SecurityIdentity identity,
                         ConsolePages pages, @Location("console/simulator.html") Template simulator) {
        this.clients = clients;
        this.reader = reader;
        this.rules = rules;
        this.identity = identity;
        this.pages = pages;
        this.simulator = simulator;
    }

    @GET
    public String blank() {
        String now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MINUTES).toString();
        return render(new Case("", "p-1", "", now, List.of()), null, null, null);
    }

    /**
     * One form, several buttons: {@code op} says which. add / remove-N change the history; decide shows
     * the decision; scenario downloads the case as a YAML file.
     */
    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response submit(MultivaluedMap<String, String> form) {
        Case c = read(form);
        String op = form.getFirst("op") == null ? "decide" : form.getFirst("op");
        if (op.equals("add")) {
            List<Touch> touches = new ArrayList<>(c.touches());
            if (touches.size() < MAX_TOUCHES) {
                String at = touches.isEmpty() ? c.callAt() : touches.get(touches.size() - 1).at();
                touches.add(new Touch(at, "CALL", "NO_ANSWER", "OUTBOUND", false));
            }
            return html(200, render(withTouches(c, touches), null, null, null));
        }
        if (op.startsWith("remove-")) {
            List<Touch> touches = new ArrayList<>(c.touches());
            int i = parseIndex(op.substring("remove-".length()));
            if (i >= 0 && i < touches.size()) {
                touches.remove(i);
            }
            return html(200, render(withTouches(c, touches), null, null, null));
        }
        Client client;
        DecisionResponse answer;
        try {
            DecisionInput in = reader.read(request(c));
            String agency = Caller.of(identity).agency();
            client = clients.find(agency, in.clientId())
                    .orElseThrow(() -> ApiException.notFound("no client '" + in.clientId() + "' in your agency"));
            answer = DecisionService.decide(rules.current(), client, in);
        } catch (ApiException e) {
            return html(e.status(), render(c, null, null, e.getMessage() + (e.field() == null ? "" : " (field: " + e.field() + ")")));
        }
        String scenario = scenario(c, client, answer);
        if (op.equals("scenario")) {
            return Response.ok(scenario, "application/yaml; charset=utf-8")
                    .header("Content-Disposition", "attachment; filename=\"" + c.clientId() + "-" + c.prospectId()
                            .replaceAll("[^A-Za-z0-9._-]", "_") + ".yaml\"")
                    .build();
        }
        return html(200, render(c, answer, scenario, null));
    }

    /** The case as a file like those under rules/tests: its policy, the client, and one case expecting this answer. */
    String scenario(Case c, Client client, DecisionResponse answer) {
        Map<String, Object> file = new LinkedHashMap<>();
        file.put("policy", client.policy());
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("name", client.name());
        if (client.timezone() != null) {
            spec.put("timezone", client.timezone());
        }
        if (!client.parameters().isEmpty()) {
            spec.put("parameters", client.parameters());
        }
        if (!client.valuePropositions().isEmpty()) {
            spec.put("valuePropositions", client.valuePropositions());
        }
        file.put("client", spec);
        Map<String, Object> request = new LinkedHashMap<>();
        Map<String, Object> prospect = new LinkedHashMap<>();
        prospect.put("id", c.prospectId());
        if (!c.prospectZone().isEmpty()) {
            prospect.put("timezone", c.prospectZone());
        }
        request.put("prospect", prospect);
        request.put("call", Map.of("at", c.callAt()));
        if (!c.touches().isEmpty()) {
            request.put("attempts", c.touches().stream().map(t -> {
                Map<String, Object> a = new LinkedHashMap<>();
                a.put("at", t.at());
                a.put("channel", t.channel());
                a.put("outcome", t.outcome());
                if (!t.direction().equals("OUTBOUND")) {
                    a.put("direction", t.direction());
                }
                if (t.decisionMaker()) {
                    a.put("decisionMaker", true);
                }
                return a;
            }).toList());
        }
        Map<String, Object> expect = new LinkedHashMap<>();
        expect.put("action", answer.action().name());
        expect.put("reasons", answer.reasons().stream().map(Reason::rule).toList());
        Map<String, Object> one = new LinkedHashMap<>();
        one.put("name", answer.action().name().toLowerCase().replace('_', ' ') + " (from the console's simulator)");
        one.put("request", request);
        one.put("expect", expect);
        file.put("cases", List.of(one));
        try {
            return "# Made in the console's simulator for client " + c.clientId() + "; save under rules/tests/ and run"
                    + " with the scenario tests.\n" + yaml.writeValueAsString(file);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static DecisionRequest request(Case c) {
        List<DecisionRequest.AttemptJson> attempts = c.touches().stream()
                .map(t -> new DecisionRequest.AttemptJson(t.at(), t.channel(), t.outcome(), t.direction(), t.decisionMaker()))
                .toList();
        return new DecisionRequest(c.clientId(), new DecisionRequest.ProspectJson(c.prospectId(),
                c.prospectZone().isEmpty() ? null : c.prospectZone()),
                new DecisionRequest.CallJson(c.callAt().isEmpty() ? null : c.callAt(), null, null), attempts);
    }

    private static Case read(MultivaluedMap<String, String> form) {
        List<String> at = form.getOrDefault("touchAt", List.of());
        List<String> channel = form.getOrDefault("touchChannel", List.of());
        List<String> outcome = form.getOrDefault("touchOutcome", List.of());
        List<String> direction = form.getOrDefault("touchDirection", List.of());
        List<String> dm = form.getOrDefault("touchDecisionMaker", List.of());
        List<Touch> touches = new ArrayList<>();
        for (int i = 0; i < Math.min(at.size(), MAX_TOUCHES); i++) {
            touches.add(new Touch(strip(at.get(i)), pick(channel, i, "CALL"), pick(outcome, i, "NO_ANSWER"),
                    pick(direction, i, "OUTBOUND"), "yes".equals(pick(dm, i, "no"))));
        }
        return new Case(strip(form.getFirst("clientId")), strip(form.getFirst("prospectId")),
                strip(form.getFirst("prospectZone")), strip(form.getFirst("callAt")), touches);
    }

    private static Case withTouches(Case c, List<Touch> touches) {
        return new Case(c.clientId(), c.prospectId(), c.prospectZone(), c.callAt(), touches);
    }

    private static String pick(List<String> values, int i, String otherwise) {
        return i < values.size() && values.get(i) != null && !values.get(i).isBlank() ? values.get(i).strip() : otherwise;
    }

    private static String strip(String s) {
        return s == null ? "" : s.strip();
    }

    private static int parseIndex(String s) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private String render(Case c, DecisionResponse answer, String scenario, String error) {
        return simulator.data("me", ConsoleView.of(Caller.of(identity))).data("page", "simulator").data("c", c)
                .data("channels", Channel.values()).data("outcomes", Outcome.values()).data("directions", Direction.values())
                .data("answer", answer).data("scenario", scenario).data("error", error).render();
    }

    private static Response html(int status, String html) {
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE).entity(html).build();
    }

    @ServerExceptionMapper
    Response unauthorized(UnauthorizedException e) {
        return pages.signIn();
    }

    @ServerExceptionMapper
    Response forbidden(ForbiddenException e) {
        return pages.forbidden(identity);
    }
}
