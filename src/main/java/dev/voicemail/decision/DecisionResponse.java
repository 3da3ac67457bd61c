package dev.voicemail.decision;

import java.time.OffsetDateTime;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The answer of {@code POST /v1/decisions}: what to do, which rules said so, and guidance for the
 * rep: the message to leave (only when leaving one) and what comes next. {@code decisionId} names the
 * decision in the decision log (null only where no log is around, e.g. scenario tests).
 */
public record DecisionResponse(@JsonInclude(JsonInclude.Include.NON_NULL) String decisionId,
                               Action action, String clientId, String prospectId, String policy,
                               List<Reason> reasons, String rulesVersion,
                               @JsonInclude(JsonInclude.Include.NON_NULL) Message message, Next next) {

    /** The same answer under the id the decision log knows it by. */
    public DecisionResponse withDecisionId(String id) {
        return new DecisionResponse(id, action, clientId, prospectId, policy, reasons, rulesVersion, message, next);
    }

    /**
     * @param valueProposition 1-based index into the client's value propositions, or null
     * @param text             what to say, or null when the rules have no wording for it
     */
    public record Message(MessageKind kind, Integer valueProposition, String text, int maxSeconds) {
    }

    /**
     * Timestamps are in the prospect's time zone.
     *
     * @param notBefore when the next voicemail may be left, or null when no time holds it back
     * @param recycleAt when an exhausted sequence starts again, or null
     */
    public record Next(OffsetDateTime notBefore, Sequence sequence, OffsetDateTime recycleAt) {
    }
}
