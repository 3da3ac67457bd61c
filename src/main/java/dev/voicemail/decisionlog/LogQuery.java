package dev.voicemail.decisionlog;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.UUID;

import dev.voicemail.api.ApiException;
import dev.voicemail.api.InputFields;
import dev.voicemail.facts.Action;

/** Reading and checking the query parameters of the log's endpoints; a bad one is a 400 naming it. */
final class LogQuery {

    static final int MAX_LIMIT = 500;

    private LogQuery() {
    }

    static String clientId(String field, String value) {
        if (value == null) {
            return null;
        }
        if (!InputFields.CLIENT_ID.matcher(value).matches()) {
            throw ApiException.badRequest(field, "a client id is 1 to 64 of [A-Za-z0-9._-]");
        }
        return value;
    }

    static String prospectId(String field, String value) {
        if (value == null) {
            return null;
        }
        if (value.isBlank() || value.length() > 128) {
            throw ApiException.badRequest(field, "a prospect id is 1 to 128 characters");
        }
        return value;
    }

    static Instant time(String field, String value) {
        if (value == null) {
            return null;
        }
        OffsetDateTime time;
        try {
            time = OffsetDateTime.parse(value);
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest(field, "'" + InputFields.shown(value) + "' is not an ISO-8601 time with an offset, e.g. 2026-11-23T10:35:00Z");
        }
        return InputFields.inUtc(field, value, time);
    }

    static String action(String value) {
        if (value == null) {
            return null;
        }
        for (Action a : Action.values()) {
            if (a.name().equals(value)) {
                return value;
            }
        }
        throw ApiException.badRequest("action", "action is LEAVE_VOICEMAIL or HANG_UP");
    }

    static String policy(String value) {
        if (value == null) {
            return null;
        }
        if (!InputFields.CLIENT_ID.matcher(value).matches()) {
            throw ApiException.badRequest("policy", "a policy name is 1 to 64 of [A-Za-z0-9._-]");
        }
        return value;
    }

    static int limit(String value) {
        if (value == null) {
            return 100;
        }
        try {
            int n = Integer.parseInt(value);
            if (n >= 1 && n <= MAX_LIMIT) {
                return n;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiException.badRequest("limit", "limit is from 1 to " + MAX_LIMIT);
    }

    static void window(Instant from, Instant to) {
        if (from != null && to != null && !from.isBefore(to)) {
            throw ApiException.badRequest("to", "to must be later than from");
        }
    }

    /** The cursor is the last entry's id, encoded so that callers do not build it. */
    static String cursor(UUID last) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(last.toString().getBytes(StandardCharsets.US_ASCII));
    }

    static UUID cursor(String value) {
        if (value == null) {
            return null;
        }
        UUID id = null;
        if (value.length() <= 64) {
            try {
                id = DecisionIds.parse(new String(Base64.getUrlDecoder().decode(value), StandardCharsets.US_ASCII));
            } catch (IllegalArgumentException e) {
                // answered below
            }
        }
        if (id == null) {
            throw ApiException.badRequest("cursor", "not a cursor this service gave: pass the 'next' of the previous page as is");
        }
        return id;
    }
}
