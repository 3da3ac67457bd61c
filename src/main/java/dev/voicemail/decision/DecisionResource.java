package dev.voicemail.decision;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.voicemail.api.ApiError;
import dev.voicemail.api.ApiException;
import dev.voicemail.api.ErrorMappers;
import dev.voicemail.auth.Caller;
import dev.voicemail.clients.Client;
import dev.voicemail.clients.ClientDirectory;

import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/** The CRM's endpoint: what to do on reaching a prospect's voicemail. */
@SecurityRequirement(name = "apiKey")
@Path("/v1/decisions")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class DecisionResource {

    private final RequestReader reader;
    private final DecisionService service;
    private final ClientDirectory clients;
    private final ObjectMapper json;
    private final int maxBatch;
    private final CurrentIdentityAssociation identities;
    private final SecurityIdentity identity;

    public DecisionResource(RequestReader reader, DecisionService service, ClientDirectory clients, ObjectMapper json,
                            @ConfigProperty(name = "voicemail.limits.max-batch", defaultValue = "10000") int maxBatch,
                            CurrentIdentityAssociation identities, SecurityIdentity identity) {
        this.reader = reader;
        this.service = service;
        this.clients = clients;
        this.json = json;
        this.maxBatch = maxBatch;
        this.identities = identities;
        this.identity = identity;
    }

    /**
     * Runs on the event loop while the client is in memory (the common case); only a client that
     * must be read from the database moves the request to a worker thread.
     */
    @POST
    public Uni<DecisionResponse> decide(DecisionRequest request) {
        DecisionInput in = reader.read(request);
        // the identity is already resolved by the permission check; the deferred form never blocks the event loop
        return identities.getDeferredIdentity().flatMap(id -> {
            String agency = Caller.of(id).agency();
            Optional<Client> cached = clients.cached(agency, in.clientId());
            if (cached != null) {
                return Uni.createFrom().item(service.decide(known(cached, in.clientId()), in));
            }
            return Uni.createFrom().item(() -> service.decide(known(clients.load(agency, in.clientId()), in.clientId()), in))
                    .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
        });
    }

    @POST
    @Path("/batch")
    @Blocking
    public BatchResponse batch(BatchRequest batch) {
        if (batch == null || batch.requests() == null) {
            throw ApiException.badRequest("requests", "the body must be {\"requests\": [ ... ]}");
        }
        if (batch.requests().size() > maxBatch) {
            throw new ApiException(413, "limit_exceeded", "at most " + maxBatch + " requests per batch", "requests");
        }
        // The caller's agency, read here: the parallel workers below have no request context.
        String agency = Caller.of(identity).agency();
        // Items are independent: decide them on every core (the common pool plus this thread), in order.
        List<JsonNode> items = batch.requests();
        List<Object> results = IntStream.range(0, items.size()).parallel()
                .mapToObj(i -> decideOne(agency, items.get(i)))
                .collect(Collectors.toList());
        return new BatchResponse(results);
    }

    private Object decideOne(String agency, JsonNode item) {
        try {
            if (item == null || !item.isObject()) {
                return new BatchError(400, "invalid_request", "each request must be an object", null);
            }
            DecisionInput in = reader.read(json.treeToValue(item, DecisionRequest.class));
            Optional<Client> client = clients.cached(agency, in.clientId());
            if (client == null) {
                client = clients.load(agency, in.clientId());
            }
            return service.decide(known(client, in.clientId()), in);
        } catch (ApiException e) {
            return new BatchError(e.status(), e.code(), e.getMessage(), e.field());
        } catch (JsonProcessingException e) {
            ApiError error = ErrorMappers.describe(e);
            return new BatchError(ErrorMappers.status(e), error.error(), error.message(), error.field());
        }
    }

    private static Client known(Optional<Client> client, String id) {
        return client.orElseThrow(() -> ApiException.notFound("no client '" + id + "'"));
    }
}
