package dev.voicemail.outcomes;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;

import dev.voicemail.api.ApiException;
import dev.voicemail.api.InputFields;

/** The query parameters of {@code GET /v1/outcomes}, checked as the decision log's are; a bad one is a 400 naming it. */
final class OutcomeQuery {

    static final int MAX_LIMIT = 500;

    private OutcomeQuery() {
    }

    static String clientId(String value) {
        if (value != null && !InputFields.CLIENT_ID.matcher(value).matches()) {
            throw ApiException.badRequest("clientId", "a client id is 1 to 64 of [A-Za-z0-9._-]");
        }
        return value;
    }

    static String prospectId(String field, String value) {
        if (value != null && (value.isBlank() || value.length() > 128)) {
            throw ApiException.badRequest(field, "a prospect id is 1 to 128 characters");
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

    /** The cursor is the last outcome's id, encoded so that callers do not build it. */
    static String cursor(UUID last) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(last.toString().getBytes(StandardCharsets.US_ASCII));
    }

    static UUID cursor(String value) {
        if (value == null) {
            return null;
        }
        if (value.length() <= 64) {
            try {
                String text = new String(Base64.getUrlDecoder().decode(value), StandardCharsets.US_ASCII);
                UUID id = UUID.fromString(text);
                if (id.toString().equals(text)) {
                    return id;
                }
            } catch (IllegalArgumentException e) {
                // answered below
            }
        }
        throw ApiException.badRequest("cursor", "not a cursor this service gave: pass the 'next' of the previous page as is");
    }
}
