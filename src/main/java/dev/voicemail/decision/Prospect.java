package dev.voicemail.decision;

import java.time.ZoneId;

/** The person being called, and the time zone their calendar days are counted in. */
public record Prospect(String id, ZoneId zone) {
}
