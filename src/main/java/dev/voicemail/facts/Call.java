package dev.voicemail.facts;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;

/**
 * The call being decided: the rep has just reached voicemail. {@code date} and {@code time} are
 * local to the prospect.
 */
public record Call(Instant at, LocalDate date, LocalTime time, int remainingAttemptsToday) {

    /** {@code date} as a day number (days since 1970-01-01), for counting days since earlier touches. */
    public long getDay() {
        return date.toEpochDay();
    }
}
