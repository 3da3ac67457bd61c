package dev.voicemail.decision;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import dev.voicemail.facts.Channel;
import dev.voicemail.facts.Direction;
import dev.voicemail.facts.Outcome;
import dev.voicemail.facts.Rep;

/**
 * A decision request that passed validation. Attempts are sorted oldest first. The prospect's zone
 * is null when the request names none (the client's zone, else UTC, applies). {@code rep} is never
 * null; its fields are null when the request names no rep.
 */
public record DecisionInput(String clientId, String prospectId, ZoneId prospectZone, Instant callAt,
                            int remainingAttemptsToday, List<Touch> attempts, Rep rep) {

    public static final Rep NO_REP = new Rep(null, null);

    public DecisionInput {
        rep = rep == null ? NO_REP : rep;
    }

    /** A request that names no rep. */
    public DecisionInput(String clientId, String prospectId, ZoneId prospectZone, Instant callAt,
                         int remainingAttemptsToday, List<Touch> attempts) {
        this(clientId, prospectId, prospectZone, callAt, remainingAttemptsToday, attempts, NO_REP);
    }

    /** An attempt before its calendar day is known (that needs the zone). */
    public record Touch(Instant at, Channel channel, Outcome outcome, Direction direction, boolean decisionMaker) {
    }
}
