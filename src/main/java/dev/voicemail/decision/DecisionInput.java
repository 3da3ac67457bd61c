package dev.voicemail.decision;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/**
 * A decision request that passed validation. Attempts are sorted oldest first. The prospect's zone
 * is null when the request names none (the client's zone, else UTC, applies).
 */
public record DecisionInput(String clientId, String prospectId, ZoneId prospectZone, Instant callAt,
                            int remainingAttemptsToday, List<Touch> attempts) {

    /** An attempt before its calendar day is known (that needs the zone). */
    public record Touch(Instant at, Channel channel, Outcome outcome, Direction direction, boolean decisionMaker) {
    }
}
