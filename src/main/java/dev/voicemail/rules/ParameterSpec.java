package dev.voicemail.rules;

import java.math.BigDecimal;
import java.math.BigInteger;

import org.kie.api.definition.type.FactField;

/**
 * One parameter of a policy (or of the common rules), read from a field of a DRL declared type, so
 * that its documentation lives beside the rules that use it.
 *
 * @param type JSON type of the value: integer, number, boolean or string
 */
public record ParameterSpec(String name, String type, boolean nullable, Object defaultValue, String description,
                            FactField field) {

    static ParameterSpec of(FactField field, Object defaultValue) {
        Class<?> t = field.getType();
        String json;
        if (t == int.class || t == Integer.class || t == long.class || t == Long.class) {
            json = "integer";
        } else if (t == double.class || t == Double.class) {
            json = "number";
        } else if (t == boolean.class || t == Boolean.class) {
            json = "boolean";
        } else if (t == String.class) {
            json = "string";
        } else {
            return null;
        }
        Object doc = field.getMetaData() == null ? null : field.getMetaData().get("doc");
        return new ParameterSpec(field.getName(), json, !t.isPrimitive(), defaultValue,
                RulesCompiler.unquote(doc), field);
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
                return atLeastMin(integral(value).intValueExact());
            }
            if (t == long.class || t == Long.class) {
                return atLeastMin(integral(value).longValueExact());
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
        if (t == String.class && value instanceof String s) {
            // a DRL author may constrain a text parameter: `name : String = "08:00" @pattern("...")`
            Object pattern = field.getMetaData() == null ? null : field.getMetaData().get("pattern");
            if (pattern != null && !s.matches(RulesCompiler.unquote(pattern))) {
                throw new IllegalArgumentException("must match " + RulesCompiler.unquote(pattern));
            }
            return value;
        }
        throw new IllegalArgumentException("must be " + article());
    }

    /** A DRL author may bound a whole-number parameter: {@code count : int = 2 @min(0)}. */
    private <N extends Number> N atLeastMin(N value) {
        Object min = field.getMetaData() == null ? null : field.getMetaData().get("min");
        if (min != null && value.longValue() < Long.parseLong(RulesCompiler.unquote(min).strip())) {
            throw new IllegalArgumentException("must be at least " + RulesCompiler.unquote(min).strip());
        }
        return value;
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
