package dev.voicemail.facts;

import java.time.Instant;
import java.time.LocalDate;

/**
 * One earlier touch of the prospect. {@code date} is the calendar day in the prospect's time zone,
 * so rules can speak of "the same day" without doing time-zone arithmetic.
 */
public record Attempt(Instant at, LocalDate date, Channel channel, Outcome outcome, Direction direction,
                      boolean decisionMaker) {

    /** {@code date} as a day number (days since 1970-01-01), for counting days between touches. */
    public long getDay() {
        return date.toEpochDay();
    }

    public boolean isCall() {
        return channel == Channel.CALL;
    }

    public boolean isInbound() {
        return direction == Direction.INBOUND;
    }
}
