package dev.voicemail.decisionlog;

import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import dev.voicemail.decision.DecisionInput;
import dev.voicemail.decision.DecisionResponse;

/**
 * A decision waiting to be written: only references to what the decision made anyway, so that
 * queuing it costs the request thread no serialisation (the writer turns it into JSON).
 *
 * @param clientVersion   the deciding client's version, with its {@code clientUpdatedAt} (null: unknown)
 * @param written completed once stored (strict mode), or null (async)
 */
record PendingEntry(UUID id, Instant decidedAt, String agency, Long clientVersion, Instant clientUpdatedAt,
                    DecisionInput input, DecisionResponse answer, CompletableFuture<Void> written) {
}
