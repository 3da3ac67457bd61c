package dev.voicemail.rules;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalTime;
import java.util.Map;
import java.util.regex.Pattern;

import org.kie.api.definition.type.FactField;

/**
 * One parameter of a policy (or of the common rules), read from a field of a DRL declared type, so
 * that its documentation lives beside the rules that use it.
 *
 * @param type JSON type of the value: integer, number, boolean or string (a LocalTime is a string HH:mm)
 */
public record ParameterSpec(String name, String type, boolean nullable, Object defaultValue, String description,
                            FactField field) {

    /** How a time-of-day parameter is written: {@code HH:mm}, 00:00 to 23:59. */
    private static final Pattern CLOCK_TIME = Pattern.compile("([01][0-9]|2[0-3]):[0-5][0-9]");

    static ParameterSpec of(FactField field, Object defaultValue) {
        Class<?> t = field.getType();
        String json;
        if (t == int.class || t == Integer.class || t == long.class || t == Long.class) {
            json = "integer";
        } else if (t == double.class || t == Double.class) {
            json = "number";
        } else if (t == boolean.class || t == Boolean.class) {
            json = "boolean";
        } else if (t == String.class || t == LocalTime.class) {
            json = "string";
        } else {
            return null;
        }
        Object doc = field.getMetaData() == null ? null : field.getMetaData().get("doc");
        return new ParameterSpec(field.getName(), json, !t.isPrimitive(), defaultValue,
                PolicyDeclarations.unquote(doc), field);
    }

    /** The default as a client would write it: a time of day as {@code "HH:mm"}, anything else as is. */
    public Object jsonDefault() {
        return defaultValue instanceof LocalTime t ? t.toString() : defaultValue;
    }

    /**
     * Converts a JSON value (as Jackson reads it) to the field's Java type.
     *
     * @throws IllegalArgumentException naming what was expected
     */
    public Object convert(Object value) {
        Class<?> t = field.getType();
        if (value == null) {
            if (t.isPrimitive()) {
                throw new IllegalArgumentException("must be " + article() + ", not null");
            }
            return null;
        }
        try {
            if (t == int.class || t == Integer.class) {
                return integral(value).intValueExact();
            }
            if (t == long.class || t == Long.class) {
                return integral(value).longValueExact();
            }
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("is out of range");
        }
        if ((t == double.class || t == Double.class) && value instanceof Number n) {
            return n.doubleValue();
        }
        if ((t == boolean.class || t == Boolean.class) && value instanceof Boolean) {
            return value;
        }
        if (t == String.class && value instanceof String) {
            return value;
        }
        if (t == LocalTime.class) {
            if (value instanceof String s && CLOCK_TIME.matcher(s).matches()) {
                return LocalTime.parse(s);
            }
            throw new IllegalArgumentException("must be a time of day HH:mm, e.g. 20:00"
                    + (value instanceof String s ? " (not '" + s + "')" : ""));
        }
        throw new IllegalArgumentException("must be " + article());
    }

    /**
     * {@link #convert} plus the constraints a DRL author may put on the field: {@code @min(0)} on a
     * whole number, {@code @pattern("regex")} on a text (with {@code @format("words")} saying what it means). For storing a client's value; decisions only
     * convert, so that a value stored before a constraint existed reaches the rules (which fail safe).
     *
     * @throws IllegalArgumentException naming what was expected
     */
    public Object check(Object value) {
        Object converted = convert(value);
        Map<String, Object> meta = field.getMetaData() == null ? Map.of() : field.getMetaData();
        if (converted instanceof Number n && meta.get("min") != null) {
            String min = PolicyDeclarations.unquote(meta.get("min")).strip();
            if (n.longValue() < Long.parseLong(min)) {
                throw new IllegalArgumentException("must be at least " + min);
            }
        }
        if (converted instanceof String s && meta.get("pattern") != null) {
            String pattern = PolicyDeclarations.unquote(meta.get("pattern"));
            if (!s.matches(pattern)) {
                // @format("HH:mm, e.g. 20:00") says in words what the regular expression means
                Object format = meta.get("format");
                throw new IllegalArgumentException(format != null
                        ? "must be " + PolicyDeclarations.unquote(format) + " (not '" + s + "')"
                        : "must match the pattern " + pattern + " (not '" + s + "')");
            }
        }
        return converted;
    }

    private BigInteger integral(Object value) {
        if (value instanceof Integer || value instanceof Long || value instanceof Short) {
            return BigInteger.valueOf(((Number) value).longValue());
        }
        if (value instanceof BigInteger b) {
            return b;
        }
        if (value instanceof BigDecimal d && d.stripTrailingZeros().scale() <= 0) {
            return d.toBigIntegerExact();
        }
        throw new IllegalArgumentException("must be " + article());
    }

    private String article() {
        return type.equals("integer") ? "an integer" : "a " + type;
    }
}
