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

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;

import dev.voicemail.api.ApiError;
import dev.voicemail.api.ApiException;
import dev.voicemail.api.ErrorMappers;
import dev.voicemail.auth.Caller;
import dev.voicemail.auth.Roles;
import dev.voicemail.clients.Client;
import dev.voicemail.clients.ClientDirectory;
import dev.voicemail.db.DatabaseUnavailableException;
import dev.voicemail.db.DatabaseUnavailableMapper;

import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/** The CRM's endpoint: what to do on reaching a prospect's voicemail. */
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
                            @ConfigProperty(name = "voicemail.limits.max-batch", defaultValue = "10000") int maxBatch,
                            CurrentIdentityAssociation identities, SecurityIdentity identity) {
        this.reader = reader;
        this.service = service;
        this.clients = clients;
        this.json = json;
        this.maxBatch = maxBatch;
        this.identities = identities;
        this.identity = identity;
        this.itemReader = json.readerFor(DecisionRequest.class);
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
            if (cached != null && !service.recordingBlocks()) {
                return Uni.createFrom().item(service.decide(known(cached, in.clientId()), in));
            }
            if (cached != null) { // strict decision log: the answer waits for its record, on a worker thread
                return Uni.createFrom().item(() -> service.decide(known(cached, in.clientId()), in))
                        .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
            }
            return Uni.createFrom().item(() -> service.decide(known(clients.load(agency, in.clientId()), in.clientId()), in))
                    .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
        });
    }

    @POST
    @Path("/batch")
    @Blocking
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = BatchRequest.class)))
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
            Optional<Client> client = clients.cached(agency, in.clientId());
            if (client == null) {
                client = clients.load(agency, in.clientId());
            }
            return service.decide(known(client, in.clientId()), in);
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
