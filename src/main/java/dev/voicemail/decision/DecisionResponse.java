package dev.voicemail.decision;

import java.time.OffsetDateTime;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.voicemail.facts.Action;
import dev.voicemail.facts.MessageKind;
import dev.voicemail.facts.Reason;
import dev.voicemail.facts.Sequence;

/**
 * The answer of {@code POST /v1/decisions}: what to do, which rules said so, and guidance for the
 * rep: the message to leave (only when leaving one) and what comes next. {@code decisionId} names the
 * decision in the decision log (null only where no log is around, e.g. scenario tests).
 */
@Schema(description = "What to do on reaching the prospect's voicemail, why, and what comes next.")
public record DecisionResponse(
        @Schema(description = "The decision's id in the decision log (GET /v1/decisions/{decisionId}): a UUIDv7, time-ordered.",
                examples = "019a8c3e-6f1b-7c2d-9e4f-3a5b6c7d8e9f")
        @JsonInclude(JsonInclude.Include.NON_NULL) String decisionId,
        @Schema(required = true) Action action,
        @Schema(required = true, examples = "acme-scales") String clientId,
        @Schema(required = true, examples = "p-123") String prospectId,
        @Schema(required = true, description = "The client's policy (a file rules/policies/<policy>.drl).",
                examples = "only-after-contact") String policy,
        @Schema(required = true, description = "Every rule that shaped the decision, in firing order.") List<Reason> reasons,
        @Schema(required = true, description = "Digest of the loaded rule files, for your records.",
                examples = "sha256:4a3038bcc3b6a9dd25eb3830312eae37b8e26965252d84e270e5142b842e61de") String rulesVersion,
        @Schema(description = "The message to leave: only with LEAVE_VOICEMAIL.")
        @JsonInclude(JsonInclude.Include.NON_NULL) Message message,
        @Schema(required = true) Next next,
        @Schema(description = "The client's running experiment and the prospect's arm in it: omitted when the client runs none.")
        @JsonInclude(JsonInclude.Include.NON_NULL) Experiment experiment) {

    public DecisionResponse(String decisionId, Action action, String clientId, String prospectId, String policy,
                            List<Reason> reasons, String rulesVersion, Message message, Next next) {
        this(decisionId, action, clientId, prospectId, policy, reasons, rulesVersion, message, next, null);
    }

    /** The same answer under the id the decision log knows it by. */
    public DecisionResponse withDecisionId(String id) {
        return new DecisionResponse(id, action, clientId, prospectId, policy, reasons, rulesVersion, message, next, experiment);
    }

    /** The same answer, decided in an experiment's arm. */
    public DecisionResponse withExperiment(Experiment in) {
        return new DecisionResponse(decisionId, action, clientId, prospectId, policy, reasons, rulesVersion, message, next, in);
    }

    /** The experiment a decision was made in, and the prospect's arm (whose policy decided). */
    @Schema(description = "The experiment the decision was made in, and the prospect's arm, whose policy decided.")
    public record Experiment(@Schema(required = true, examples = "voicemail-or-not") String id,
                             @Schema(required = true, examples = "voicemail") String arm) {
    }

    /**
     * @param valueProposition 1-based index into the client's value propositions, or null
     * @param text             what to say, or null when the rules have no wording for it
     */
    @Schema(description = "What to say in the voicemail.")
    public record Message(
            @Schema(required = true) MessageKind kind,
            @Schema(required = true, nullable = true, minimum = "1",
                    description = "1-based index into the client's valuePropositions, or null.") Integer valueProposition,
            @Schema(required = true, nullable = true, description = "What to say, or null when the rules have no wording for it.")
            String text,
            @Schema(required = true, description = "The longest the message should run.", examples = "30") int maxSeconds) {
    }

    /**
     * Timestamps are in the prospect's time zone.
     *
     * @param notBefore when the next voicemail may be left, or null when no time holds it back
     * @param recycleAt when an exhausted sequence starts again, or null
     */
    @Schema(description = "What comes next; timestamps are in the prospect's time zone.")
    public record Next(
            @Schema(required = true, nullable = true, description = "When the next voicemail may be left, or null when no time holds it back.")
            OffsetDateTime notBefore,
            @Schema(required = true) Sequence sequence,
            @Schema(required = true, nullable = true, description = "When an exhausted sequence starts again, or null (never).")
            OffsetDateTime recycleAt) {
    }
}
