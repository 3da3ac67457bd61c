package dev.voicemail.facts;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * The person being called, and the time zone their calendar days are counted in. The helpers do
 * calendar arithmetic in that zone for rules that speak in days; which days to count is the rules' choice.
 */
public record Prospect(String id, ZoneId zone) {

    /** The first instant of a local day given as an epoch day (see {@link Attempt#getDay()}). */
    public Instant startOfDay(long epochDay) {
        return LocalDate.ofEpochDay(epochDay).atStartOfDay(zone).toInstant();
    }

    /** The same local clock time {@code days} calendar days later (earlier when negative), across DST changes. */
    public Instant plusDays(Instant at, long days) {
        return at.atZone(zone).plusDays(days).toInstant();
    }
}
