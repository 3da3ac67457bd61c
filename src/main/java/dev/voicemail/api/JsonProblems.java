package dev.voicemail.api;

import java.util.Collection;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Words for a person about a body Jackson could not bind: what was wrong and what to send instead,
 * found from the exception's type, the type it was reading into and the token it met (never from the
 * text of Jackson's message, which changes between versions).
 */
final class JsonProblems {

    /** What a field of the API holds, by its name, where "a string" would not help. */
    private static final Map<String, String> FORMATS = Map.of(
            "at", "an ISO-8601 timestamp with an offset, as a string, e.g. \"2026-11-23T10:35:00-06:00\"",
            "timezone", "an IANA time zone, as a string, e.g. \"America/Chicago\"",
            "channel", "one of \"CALL\", \"EMAIL\", \"TEXT\", \"VISIT\"",
            "direction", "\"OUTBOUND\" or \"INBOUND\"");

    private JsonProblems() {
    }

    static String unknownField(UnrecognizedPropertyException e) {
        String name = e.getPropertyName();
        String nearest = Spelling.nearest(name, e.getKnownPropertyIds());
        if (nearest != null) {
            return "unknown field '" + name + "'; did you mean '" + nearest + "'?";
        }
        List<String> known = e.getKnownPropertyIds() == null ? List.of()
                : e.getKnownPropertyIds().stream().map(String::valueOf).sorted().toList();
        return "unknown field '" + name + "'" + (known.isEmpty() ? "" : "; the fields here are " + String.join(", ", known));
    }

    /** A value of the right JSON type but not readable as the field's type (e.g. a number for a string field). */
    static String invalidFormat(InvalidFormatException e, String field) {
        return "'" + InputFields.abbreviate(String.valueOf(e.getValue())) + "' is not " + expected(e.getTargetType(), field);
    }

    /** A token of the wrong kind (an array for a string, an object for a number, ...). */
    static String mismatched(MismatchedInputException e, String field) {
        String got = e.getProcessor() instanceof JsonParser p ? token(p.currentToken()) : null;
        return (got == null ? "wrong type" : got + " is not allowed here") + "; send " + expected(e.getTargetType(), field);
    }

    private static String expected(Class<?> type, String field) {
        String name = field == null ? null : field.substring(field.lastIndexOf('.') + 1).replaceAll("\\[\\d+]$", "");
        if (name != null && FORMATS.containsKey(name)) {
            return FORMATS.get(name);
        }
        if (type == null) {
            return "a value of the documented type";
        }
        if (type == String.class || type.isEnum()) {
            return "a string";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "a whole number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        if (Number.class.isAssignableFrom(type) || type == double.class) {
            return "a number";
        }
        return "an object";
    }

    private static String token(JsonToken t) {
        if (t == null) {
            return null;
        }
        return switch (t) {
            case START_ARRAY, END_ARRAY -> "an array";
            case START_OBJECT, END_OBJECT, FIELD_NAME -> "an object";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT -> "a whole number";
            case VALUE_NUMBER_FLOAT -> "a decimal number";
            case VALUE_TRUE, VALUE_FALSE -> "true or false";
            case VALUE_NULL -> "null";
            default -> null;
        };
    }
}
