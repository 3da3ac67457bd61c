package dev.voicemail.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.voicemail.testing.Api;
import dev.voicemail.testing.AppProcess;
import dev.voicemail.contract.client.ApiClient;
import dev.voicemail.contract.client.ApiException;
import dev.voicemail.contract.client.api.ClientsApi;
import dev.voicemail.contract.client.api.DecisionsApi;
import dev.voicemail.contract.client.api.KeysApi;
import dev.voicemail.contract.client.api.RulesApi;
import dev.voicemail.contract.client.model.Action;
import dev.voicemail.contract.client.model.ApiError;
import dev.voicemail.contract.client.model.Attempt;
import dev.voicemail.contract.client.model.BatchRequest;
import dev.voicemail.contract.client.model.BatchResponse;
import dev.voicemail.contract.client.model.BatchResponseResultsInner;
import dev.voicemail.contract.client.model.Call;
import dev.voicemail.contract.client.model.Channel;
import dev.voicemail.contract.client.model.Client;
import dev.voicemail.contract.client.model.ClientInput;
import dev.voicemail.contract.client.model.ClientPage;
import dev.voicemail.contract.client.model.DecisionRequest;
import dev.voicemail.contract.client.model.DecisionResponse;
import dev.voicemail.contract.client.model.KeyInput;
import dev.voicemail.contract.client.model.KeyView;
import dev.voicemail.contract.client.model.Prospect;
import dev.voicemail.contract.client.model.Sequence;

/**
 * The README's flows (clients, decisions, batch, errors, keys, rules) through the Java client that
 * OpenAPI Generator makes from the contract (openapi/openapi.json), against the packaged service.
 * The client reads strictly (an answer field the contract does not name fails), so both ways of
 * drifting show: a contract the generated code cannot use, and answers the contract does not describe.
 */
class GeneratedClientIT {

    private static AppProcess app;
    private static Path data;

    @BeforeAll
    static void start() throws Exception {
        data = Files.createTempDirectory("client-it");
        app = AppProcess.start(Path.of("rules"), data);
        assertTrue(app.awaitReady(Duration.ofSeconds(120)), "the service starts");
    }

    @AfterAll
    static void stop() throws Exception {
        if (app != null) {
            app.close();
        }
    }

    private static ApiClient as(String key) {
        ObjectMapper strict = ApiClient.createDefaultObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        ApiClient client = new ApiClient().setObjectMapper(strict);
        client.updateBaseUri("http://localhost:" + app.port);
        client.setRequestInterceptor(b -> b.header("Authorization", "Bearer " + key));
        return client;
    }

    private static ApiError error(ApiException e) throws Exception {
        return ApiClient.createDefaultObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .readValue(e.getResponseBody(), ApiError.class);
    }

    private static DecisionRequest request(String client, String prospect) {
        return new DecisionRequest().clientId(client).prospect(new Prospect().id(prospect).timezone("America/Chicago"))
                .call(new Call().at(OffsetDateTime.parse("2026-11-23T10:35:00-06:00")).remainingAttemptsToday(0));
    }

    @Test
    void clientsDecisionsBatchAndErrorsThroughTheGeneratedClient() throws Exception {
        ClientsApi clients = new ClientsApi(as(Api.KEY));
        DecisionsApi decisions = new DecisionsApi(as(Api.KEY));

        Client created = clients.putClient("acme-scales", new ClientInput().name("Acme Scales").policy("only-after-contact")
                .timezone("America/Chicago").parameters(Map.of()).valuePropositions(List.of("Calibration in one visit")), null);
        assertEquals(1L, created.getVersion());
        assertEquals("only-after-contact", clients.getClient("acme-scales").getPolicy());
        ClientPage page = clients.listClients(0, 50);
        assertTrue(page.getItems().stream().anyMatch(c -> c.getId().equals("acme-scales")));

        DecisionResponse voicemail = decisions.decide(request("acme-scales", "p-123").attempts(List.of(
                new Attempt().at(OffsetDateTime.parse("2026-11-16T09:00:00-06:00")).channel(Channel.CALL)
                        .outcome(Attempt.OutcomeEnum.NO_ANSWER),
                new Attempt().at(OffsetDateTime.parse("2026-11-18T14:10:00-06:00")).channel(Channel.CALL)
                        .outcome(Attempt.OutcomeEnum.CONNECTED).decisionMaker(true),
                new Attempt().at(OffsetDateTime.parse("2026-11-19T08:00:00-06:00")).channel(Channel.EMAIL)
                        .outcome(Attempt.OutcomeEnum.SENT))));
        assertEquals(Action.LEAVE_VOICEMAIL, voicemail.getAction());
        assertFalse(voicemail.getReasons().isEmpty());
        assertNotNull(voicemail.getMessage(), "a voicemail comes with its message");
        assertEquals(Sequence.ACTIVE, voicemail.getNext().getSequence());
        assertTrue(voicemail.getRulesVersion().startsWith("sha256:"));

        DecisionResponse hangUp = decisions.decide(request("acme-scales", "p-1"));
        assertEquals(Action.HANG_UP, hangUp.getAction());
        assertNull(hangUp.getMessage(), "no message with HANG_UP");

        BatchResponse batch = decisions.decideBatch(new BatchRequest().requests(List.of(
                request("acme-scales", "p-1"),
                request("acme-scales", "p-2").call(new Call().remainingAttemptsToday(-1)),
                request("no-such-client", "p-3"))));
        List<BatchResponseResultsInner> results = batch.getResults();
        assertEquals(3, results.size());
        assertEquals(Action.HANG_UP, results.get(0).getDecisionResponse().getAction());
        assertEquals(400, results.get(1).getBatchError().getStatus());
        assertEquals("call.remainingAttemptsToday", results.get(1).getBatchError().getField());
        assertEquals(404, results.get(2).getBatchError().getStatus());

        ApiException unknown = assertThrows(ApiException.class, () -> decisions.decide(request("no-such-client", "p-1")));
        assertEquals(404, unknown.getCode());
        assertEquals("not_found", error(unknown).getError());

        ApiException badPolicy = assertThrows(ApiException.class, () ->
                clients.putClient("acme-scales", new ClientInput().name("Acme").policy("sometimes"), null));
        assertEquals(422, badPolicy.getCode());
        assertEquals("policy", error(badPolicy).getField());

        ApiException stale = assertThrows(ApiException.class, () ->
                clients.putClient("acme-scales", new ClientInput().name("Acme").policy("never"), "\"99\""));
        assertEquals(412, stale.getCode());

        clients.deleteClient("acme-scales", null);
        ApiException gone = assertThrows(ApiException.class, () -> clients.getClient("acme-scales"));
        assertEquals(404, gone.getCode());
    }

    @Test
    void keysAndRolesThroughTheGeneratedClient() throws Exception {
        KeyView crm = new KeysApi(as(Api.KEY)).createKey(new KeyInput().name("CRM").roles(List.of(KeyInput.RolesEnum.CRM)));
        assertNotNull(crm.getKey(), "the new key is shown once");
        new ClientsApi(as(Api.KEY)).putClient("keyed", new ClientInput().name("Keyed").policy("never"), null);
        assertEquals(Action.HANG_UP, new DecisionsApi(as(crm.getKey())).decide(request("keyed", "p-1")).getAction());

        ApiException forbidden = assertThrows(ApiException.class, () -> new ClientsApi(as(crm.getKey())).listClients(0, 50));
        assertEquals(403, forbidden.getCode());
        assertEquals("forbidden", error(forbidden).getError());
        ApiException unauthorized = assertThrows(ApiException.class, () -> new RulesApi(as("not-a-key")).getRulesStatus());
        assertEquals(401, unauthorized.getCode());

        RulesApi rules = new RulesApi(as(Api.KEY));
        assertTrue(rules.getRulesStatus().getPolicies().contains("cadence"));
        assertTrue(rules.listPolicies().stream().anyMatch(p -> p.getName().equals("cadence")
                && p.getParameters().stream().anyMatch(q -> q.getName().equals("maxVoicemails"))));
    }
}
