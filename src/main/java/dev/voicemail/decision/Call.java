package dev.voicemail.decision;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;

/**
 * The call being decided: the rep has just reached voicemail. {@code date} and {@code time} are
 * local to the prospect.
 */
public record Call(Instant at, LocalDate date, LocalTime time, int remainingAttemptsToday) {
}
