package dev.voicemail.decision;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;

import dev.voicemail.api.ApiError;
import dev.voicemail.api.ApiException;
import dev.voicemail.api.ErrorMappers;
import dev.voicemail.api.LimitsConfig;
import dev.voicemail.auth.Caller;
import dev.voicemail.auth.Roles;
import dev.voicemail.clients.Client;
import dev.voicemail.clients.ClientDirectory;
import dev.voicemail.db.DatabaseUnavailableException;
import dev.voicemail.db.DatabaseUnavailableMapper;
import dev.voicemail.db.LastCopies;

import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/** The CRM's endpoint: what to do on reaching a prospect's voicemail. */
@Tag(name = "Decisions", description = "What a CRM asks on reaching a prospect's voicemail (role crm).")
@SecurityRequirement(name = "apiKey")
@RolesAllowed(Roles.CRM)
@Path("/v1/decisions")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class DecisionResource {

    /** The reading thread plus this many helpers decide a batch's items: one per core. */
    private static final int HELPERS = Math.max(1, Runtime.getRuntime().availableProcessors() - 1);

    private final RequestReader reader;
    private final DecisionService service;
    private final ClientDirectory clients;
    private final ObjectMapper json;
    private final int maxBatch;
    private final CurrentIdentityAssociation identities;
    private final SecurityIdentity identity;
    private final ObjectReader itemReader;

    public DecisionResource(RequestReader reader, DecisionService service, ClientDirectory clients, ObjectMapper json,
                            LimitsConfig limits,
                            CurrentIdentityAssociation identities, SecurityIdentity identity) {
        this.reader = reader;
        this.service = service;
        this.clients = clients;
        this.json = json;
        this.maxBatch = limits.maxBatch();
        this.identities = identities;
        this.identity = identity;
        this.itemReader = json.readerFor(DecisionRequest.class);
    }

    /**
     * Runs on the event loop while the client is in memory (the common case); only a client that
     * must be read from the database moves the request to a worker thread.
     */
    @POST
    @Operation(operationId = "decide", summary = "Decide one call",
            description = "Evaluates the client's policy on the prospect's attempt history: leave a voicemail or hang up, "
                    + "why (the rules that fired), which message, and when the next one may be left.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = DecisionRequest.class),
            examples = @ExampleObject(name = "after a conversation", value = """
                    {
                      "clientId": "acme-scales",
                      "prospect": {"id": "p-123", "timezone": "America/Chicago"},
                      "call": {"at": "2026-11-23T10:35:00-06:00", "remainingAttemptsToday": 0},
                      "attempts": [
                        {"at": "2026-11-18T14:10:00-06:00", "channel": "CALL", "outcome": "CONNECTED", "decisionMaker": true}
                      ]
                    }""")))
    @APIResponse(responseCode = "200", description = "The decision.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DecisionResponse.class),
                    examples = @ExampleObject(name = "a voicemail", value = """
                            {"action": "LEAVE_VOICEMAIL", "clientId": "acme-scales", "prospectId": "p-123",
                             "policy": "only-after-contact",
                             "reasons": [{"rule": "spoke with a decision maker before",
                                          "text": "An earlier call connected with a decision maker, so a voicemail reaches someone who knows us."}],
                             "rulesVersion": "sha256:4a3038bcc3b6a9dd25eb3830312eae37b8e26965252d84e270e5142b842e61de",
                             "message": {"kind": "STANDARD", "valueProposition": null, "text": "Hi, ...", "maxSeconds": 30},
                             "next": {"notBefore": null, "sequence": "ACTIVE", "recycleAt": null}}""")))
    @APIResponse(responseCode = "404", description = "No such client in the caller's agency.", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "409", description = "The client's policy is not loaded (policy_unavailable): its file is gone from rules/policies.", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    public Uni<DecisionResponse> decide(DecisionRequest request) {
        DecisionInput in = reader.read(request);
        // the identity is already resolved by the permission check; the deferred form never blocks the event loop
        return identities.getDeferredIdentity().flatMap(id -> {
            String agency = Caller.of(id).agency();
            Optional<LastCopies.Copy<Client>> copy = clients.cached(agency, in.clientId());
            if (copy.isPresent() && !service.recordingBlocks() && service.decidesFromMemory(agency, in.clientId())) {
                // memory can tell (the client and its running experiment): no worker thread needed
                return Uni.createFrom().item(service.decide(known(copy.get().found(), in.clientId()), in));
            }
            if (copy.isPresent()) { // strict log (the answer waits for its record) or an experiment to read: a worker thread
                return Uni.createFrom().item(() -> service.decide(known(copy.get().found(), in.clientId()), in))
                        .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
            }
            return Uni.createFrom().item(() -> service.decide(known(clients.load(agency, in.clientId()), in.clientId()), in))
                    .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
        });
    }

    @POST
    @Path("/batch")
    @Blocking
    @Operation(operationId = "decideBatch", summary = "Decide many calls",
            description = "Up to 10,000 decision requests in one body; one result per request, in request order, each what "
                    + "POST /v1/decisions answers for it alone. A bad item fails alone (its result is an error with its status); "
                    + "malformed JSON anywhere, or too many items, fails the whole batch.")
    @APIResponse(responseCode = "200", description = "One result per request, in request order.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = BatchResponse.class),
                    examples = @ExampleObject(name = "a decision and a bad item", value = """
                            {"results": [
                              {"action": "HANG_UP", "clientId": "acme-scales", "prospectId": "p-1", "policy": "only-after-contact",
                               "reasons": [{"rule": "hang up when no rule of the policy decided", "text": "No rule of the policy left a voicemail."}],
                               "rulesVersion": "sha256:4a3038bcc3b6a9dd25eb3830312eae37b8e26965252d84e270e5142b842e61de",
                               "next": {"notBefore": null, "sequence": "ACTIVE", "recycleAt": null}},
                              {"status": 400, "error": "invalid_request", "message": "must be from 0 to 1000",
                               "field": "call.remainingAttemptsToday"}]}""")))
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = BatchRequest.class)))
    public BatchResponse batch(InputStream body) throws IOException {
        // The caller's agency, read here: the helpers below have no request context.
        String agency = Caller.of(identity).agency();
        // Each item is decided as soon as it is read, on every core, while the rest of the body is still
        // being read: the body is never held whole (BatchItems), and the answers come in request order.
        try (BatchItems items = new BatchItems(json, body, maxBatch)) {
            return new BatchResponse(OrderedFanOut.map(items::next, item -> decideOne(agency, item),
                    Infrastructure.getDefaultWorkerPool(), HELPERS, HELPERS * 16));
        } catch (JsonProcessingException e) {
            throw e; // malformed JSON or a parser limit: ErrorMappers answers it
        } catch (IOException e) {
            // the upload broke off, or passed quarkus.http.limits.max-body-size (Quarkus then answers 413 itself)
            throw new ApiException(400, "unreadable_body", "the body could not be read: " + e.getMessage(), null);
        }
    }

    private Object decideOne(String agency, BatchItems.Item item) {
        try {
            if (item.refused() != null) {
                return item.refused();
            }
            // the item's own JSON, read as a single request's body is: the same checks and error paths
            DecisionInput in = reader.read(itemReader.readValue(item.json()));
            return service.decide(known(clients.find(agency, in.clientId()), in.clientId()), in);
        } catch (ApiException e) {
            return new BatchError(e.status(), e.code(), e.getMessage(), e.field());
        } catch (DatabaseUnavailableException e) {
            // an unseen client during a database outage: this item alone gets the 503 a single request would
            ApiError error = DatabaseUnavailableMapper.error();
            return new BatchError(503, error.error(), error.message(), null);
        } catch (JsonProcessingException e) {
            ApiError error = ErrorMappers.describe(e);
            return new BatchError(ErrorMappers.status(e), error.error(), error.message(), error.field());
        } catch (IOException e) {
            throw new UncheckedIOException(e); // not reached: the item is in memory
        }
    }

    private static Client known(Optional<Client> client, String id) {
        return client.orElseThrow(() -> ApiException.notFound("no client '" + id + "'"));
    }
}
