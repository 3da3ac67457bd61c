package dev.voicemail.decisionlog;

import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

import dev.voicemail.decision.DecisionRequest;
import dev.voicemail.decision.DecisionResponse;
import dev.voicemail.outcomes.StoredOutcome;

/**
 * One entry of the decision log. A listing shows the summary; {@code GET /v1/decisions/{id}} adds
 * the request as it was decided (validated, with the call's time filled in), the answer given and
 * the outcomes attributed to it.
 *
 * @param reasonRules the name of every rule in the answer's reasons, in firing order
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(requiredProperties = {"decisionId", "decidedAt", "clientId", "prospectId", "policy", "rulesVersion", "action"})
public record LoggedDecision(String decisionId, Instant decidedAt, String clientId, String prospectId, String policy,
                             @Schema(description = "The version of the client that decided (its history, GET /v1/clients/{clientId}/history,"
                                     + " shows what it was); only on GET /v1/decisions/{decisionId}, absent for entries logged before it was kept.",
                                     examples = "3")
                             Long clientVersion,
                             String rulesVersion, String action, String messageKind, String sequence,
                             List<String> reasonRules,
                             @Schema(implementation = DecisionResponse.Next.class, description = "The answer's next guidance.") JsonNode next,
                             @Schema(implementation = DecisionRequest.class,
                                     description = "The request as decided: validated, the call's time filled in (only on GET /v1/decisions/{decisionId}).")
                             JsonNode request,
                             @Schema(implementation = DecisionResponse.class, description = "The answer given (only on GET /v1/decisions/{decisionId}).")
                             JsonNode answer,
                             @Schema(description = "The outcomes attributed to this decision, oldest first (only on GET /v1/decisions/{decisionId}).")
                             List<StoredOutcome> outcomes) {

    /** The entry with the outcomes attributed to it. */
    LoggedDecision withOutcomes(List<StoredOutcome> attributed) {
        return new LoggedDecision(decisionId, decidedAt, clientId, prospectId, policy, clientVersion, rulesVersion, action, messageKind,
                sequence, reasonRules, next, request, answer, attributed);
    }

    /** A page, newest first; {@code next} is the cursor of the following page, null on the last. */
    @Schema(requiredProperties = {"items"})
    public record Page(List<LoggedDecision> items, String next) {
    }
}
