package dev.voicemail.decision;

import java.util.List;

/**
 * The body of {@code POST /v1/decisions}, as sent. Enum values and timestamps stay strings here so
 * that {@link RequestReader} can name the exact field and the accepted values when one is wrong.
 */
public record DecisionRequest(String clientId, ProspectJson prospect, CallJson call, List<AttemptJson> attempts) {

    public record ProspectJson(String id, String timezone) {
    }

    public record CallJson(String at, Integer remainingAttemptsToday, RepJson rep) {
    }

    /** The rep placing the call, for the wording of the message: {@code {"name", "phone"}}. */
    public record RepJson(String name, String phone) {
    }

    public record AttemptJson(String at, String channel, String outcome, String direction, Boolean decisionMaker) {
    }
}
