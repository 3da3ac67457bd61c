package dev.voicemail.integrations;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import dev.voicemail.api.ApiException;
import dev.voicemail.api.InputFields;
import dev.voicemail.api.Spelling;

/**
 * Reads fields of CRM records, whose values arrive in each CRM's own spelling; every problem is a 400
 * naming the record (its id when it has one) and the field's path in the request.
 */
final class RecordFields {

    /** More fields than any CRM record has (HubSpot objects with every property: a few hundred). */
    static final int MAX_FIELDS = 1000;
    static final int MAX_ID = 100;
    static final int MAX_VALUE = 1000;

    private static final Pattern NUMERIC_OFFSET = Pattern.compile("([+-]\\d{2})(\\d{2})$");
    private static final Pattern DIGITS = Pattern.compile("\\d{1,16}");
    private static final Instant EARLIEST = Instant.parse("1900-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("3000-01-01T00:00:00Z");
    /** HubSpot's epoch-millisecond strings before this are epoch seconds sent by mistake (they read as January 1970). */
    private static final Instant EPOCH_MILLIS_FROM = Instant.parse("2000-01-01T00:00:00Z");

    private RecordFields() {
    }

    /** The records of one list of {@code history}: an array of objects, each of at most {@link #MAX_FIELDS} fields. */
    static List<JsonNode> records(JsonNode history, String name, String path, int room) {
        JsonNode list = history.get(name);
        if (list == null || list.isNull()) {
            return List.of();
        }
        if (!list.isArray()) {
            throw new ApiException(400, "invalid_field", path + " must be an array of records", path);
        }
        if (list.size() > room) {
            throw new ApiException(413, "limit_exceeded", "too many records: at most the attempts a decision takes in all", path);
        }
        List<JsonNode> records = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            JsonNode r = list.get(i);
            if (!r.isObject()) {
                throw new ApiException(400, "invalid_field", path + "[" + i + "] must be a record (a JSON object)", path + "[" + i + "]");
            }
            if (r.size() > MAX_FIELDS) {
                throw new ApiException(413, "limit_exceeded", "record " + path + "[" + i + "] has more than " + MAX_FIELDS + " fields",
                        path + "[" + i + "]");
            }
            records.add(r);
        }
        return records;
    }

    /** {@code history} must be an object with only the given lists (and the CRM's own paging fields). */
    static void shape(JsonNode history, Collection<String> lists, Collection<String> ignored, String example) {
        if (history == null || history.isNull()) {
            return;
        }
        if (!history.isObject()) {
            throw new ApiException(400, "invalid_field", "history must be an object: " + example, "history");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = history.fields(); it.hasNext(); ) {
            String name = it.next().getKey();
            if (!lists.contains(name) && !ignored.contains(name)) {
                throw new ApiException(400, "unknown_field", "unknown field '" + InputFields.abbreviate(name) + "' in history"
                        + Spelling.didYouMean(name, lists) + "; history is " + example, "history." + InputFields.abbreviate(name));
            }
        }
    }

    /** The record's id: a string of 1 to 100 characters (an outcome's event id, with room for a kind after it). */
    static String id(JsonNode record, String name, String path) {
        JsonNode v = record.get(name);
        String field = path + "." + name;
        if (v == null || v.isNull()) {
            throw ApiException.badRequest(field, "record " + path + " has no " + name + "; every record needs the CRM's id");
        }
        if (!v.isTextual()) {
            throw new ApiException(400, "invalid_field", "record " + path + ": " + name + " must be a string, as the CRM sends it",
                    field);
        }
        String id = v.asText();
        if (id.isBlank() || id.length() > MAX_ID || id.chars().anyMatch(Character::isISOControl)) {
            throw ApiException.badRequest(field, "record " + path + ": " + name + " must be 1 to " + MAX_ID
                    + " characters without control characters");
        }
        return id;
    }

    /** An object field of the record (HubSpot's {@code properties}). */
    static JsonNode object(JsonNode record, String name, String id, String path) {
        JsonNode v = record.get(name);
        if (v == null || v.isNull()) {
            throw ApiException.badRequest(path + "." + name, who(id, path) + "has no " + name);
        }
        if (!v.isObject()) {
            throw new ApiException(400, "invalid_field", who(id, path) + name + " must be an object", path + "." + name);
        }
        if (v.size() > MAX_FIELDS) {
            throw new ApiException(413, "limit_exceeded", who(id, path) + name + " has more than " + MAX_FIELDS + " fields",
                    path + "." + name);
        }
        return v;
    }

    /** A string field, or null when it is absent, null or empty (how CRMs send an unset value). */
    static String text(JsonNode node, String name, String id, String path) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw new ApiException(400, "invalid_field", who(id, path) + name + " must be a string, not " + kind(v),
                    path + "." + name);
        }
        String s = v.asText();
        if (s.length() > MAX_VALUE) {
            throw new ApiException(413, "limit_exceeded", who(id, path) + name + " is longer than " + MAX_VALUE + " characters",
                    path + "." + name);
        }
        return s.isEmpty() ? null : s;
    }

    static String requiredText(JsonNode node, String name, String id, String path) {
        String s = text(node, name, id, path);
        if (s == null) {
            throw ApiException.badRequest(path + "." + name, who(id, path) + name + " is required");
        }
        return s;
    }

    /** A whole number field (a duration), checked for its type only. */
    static void integer(JsonNode node, String name, String id, String path) {
        JsonNode v = node.get(name);
        if (v != null && !v.isNull() && !(v.isIntegralNumber() && v.canConvertToLong())) {
            throw new ApiException(400, "invalid_field", who(id, path) + name + " must be a whole number, not " + kind(v),
                    path + "." + name);
        }
    }

    /**
     * An ISO-8601 date-time with an offset or Z; Salesforce's {@code +0000} (no colon) is read too.
     * A time without an offset is refused: which zone the CRM meant cannot be known.
     */
    static Instant dateTime(String value, String name, String id, String path) {
        String field = path + "." + name;
        String normal = NUMERIC_OFFSET.matcher(value).replaceFirst("$1:$2");
        try {
            return inRange(OffsetDateTime.parse(normal).toInstant(), value, name, id, path);
        } catch (DateTimeParseException e) {
            try {
                LocalDateTime.parse(value);
                throw ApiException.badRequest(field, who(id, path) + name + " '" + InputFields.abbreviate(value)
                        + "' has no time zone offset; send it as the CRM's API gives it, e.g. 2026-11-18T15:10:00Z or 2026-11-18T09:10:00-06:00");
            } catch (DateTimeParseException notLocal) {
                throw ApiException.badRequest(field, who(id, path) + name + " '" + InputFields.abbreviate(value)
                        + "' is not an ISO-8601 date-time with an offset, e.g. 2026-11-18T15:10:00Z");
            }
        }
    }

    /** HubSpot's two spellings of a time: ISO-8601 (the CRM v3 API) or epoch milliseconds as a string (webhooks, workflows). */
    static Instant isoOrEpochMillis(String value, String name, String id, String path) {
        if (!DIGITS.matcher(value).matches()) {
            return dateTime(value, name, id, path);
        }
        Instant at = Instant.ofEpochMilli(Long.parseLong(value));
        if (at.isBefore(EPOCH_MILLIS_FROM)) {
            throw ApiException.badRequest(path + "." + name, who(id, path) + name + " '" + value
                    + "' reads as " + at + " in epoch milliseconds; send milliseconds (13 digits), not seconds, or ISO-8601");
        }
        return inRange(at, value, name, id, path);
    }

    /** A date without a time (Salesforce's ActivityDate): the start of that day in the given zone. */
    static Instant date(String value, ZoneId zone, String name, String id, String path) {
        try {
            return inRange(LocalDate.parse(value).atStartOfDay(zone).toInstant(), value, name, id, path);
        } catch (DateTimeException e) {
            throw ApiException.badRequest(path + "." + name, who(id, path) + name + " '" + InputFields.abbreviate(value)
                    + "' is not a date (YYYY-MM-DD)");
        }
    }

    private static Instant inRange(Instant t, String value, String name, String id, String path) {
        if (t.isBefore(EARLIEST) || !t.isBefore(LATEST)) {
            throw ApiException.badRequest(path + "." + name, who(id, path) + name + " '" + InputFields.abbreviate(value)
                    + "' is out of range: years 1900 to 2999");
        }
        return t;
    }

    /** "record 512 (history.calls[0]): " */
    static String who(String id, String path) {
        return id == null ? "record " + path + ": " : "record '" + InputFields.abbreviate(id) + "' (" + path + "): ";
    }


    private static String kind(JsonNode v) {
        return switch (v.getNodeType()) {
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            case STRING -> "a string";
            default -> v.getNodeType().name().toLowerCase();
        };
    }
}
