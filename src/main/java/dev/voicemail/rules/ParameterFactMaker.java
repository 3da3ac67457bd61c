package dev.voicemail.rules;

import java.lang.reflect.Constructor;
import java.time.LocalTime;
import java.util.List;
import java.util.Objects;

import org.kie.api.definition.type.FactField;
import org.kie.api.definition.type.FactType;

/**
 * Makes a declared parameter type's instance for each decision without running its no-argument
 * constructor: Drools' generated one evaluates every non-literal default (such as
 * {@code LocalTime.of( 8, 0 )}) with interpreted MVEL, parsed again on each call. Measured by JFR on
 * the in-process loop: a quarter of a decision's samples. The defaults are read once here from one
 * instance, and each decision's instance comes from the all-fields constructor Drools also generates.
 * When that constructor is missing or does not set the fields in the order expected (checked once,
 * field by field), the no-argument constructor is used as before.
 */
final class ParameterFactMaker {

    private final FactType type;
    private final List<FactField> fields;
    private final Object[] defaults;
    private final Constructor<?> allFields;

    ParameterFactMaker(FactType type) {
        this.type = type;
        this.fields = List.copyOf(type.getFields());
        Object template = newDefault(type);
        this.defaults = new Object[fields.size()];
        Class<?>[] types = new Class<?>[fields.size()];
        for (int i = 0; i < defaults.length; i++) {
            defaults[i] = fields.get(i).get(template);
            types[i] = fields.get(i).getType();
        }
        Constructor<?> ctor;
        try {
            ctor = type.getFactClass().getConstructor(types);
        } catch (NoSuchMethodException e) {
            ctor = null;
        }
        this.allFields = ctor != null && setsFieldsInOrder(ctor) ? ctor : null;
    }

    /** A new instance with the defaults, then {@code values[i]} for each field whose {@code given[i]} is set. */
    Object make(Object[] values, boolean[] given) {
        if (allFields == null) {
            Object fact = newDefault(type);
            for (int i = 0; i < values.length; i++) {
                if (given[i]) {
                    fields.get(i).set(fact, values[i]);
                }
            }
            return fact;
        }
        Object[] args = defaults.clone();
        for (int i = 0; i < values.length; i++) {
            if (given[i]) {
                args[i] = values[i];
            }
        }
        try {
            return allFields.newInstance(args);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot create " + type.getName(), e);
        }
    }

    /** The field at position {@code i}, as {@link #make} numbers them. */
    FactField field(int i) {
        return fields.get(i);
    }

    int size() {
        return fields.size();
    }

    /** Each field, given a value different from its default, and only it, reads back that value. */
    private boolean setsFieldsInOrder(Constructor<?> ctor) {
        try {
            for (int i = 0; i < defaults.length; i++) {
                Object marked = marked(fields.get(i).getType(), defaults[i]);
                Object[] args = defaults.clone();
                if (marked != null) {
                    args[i] = marked;
                }
                Object fact = ctor.newInstance(args);
                for (int j = 0; j < defaults.length; j++) {
                    if (!Objects.equals(fields.get(j).get(fact), args[j])) {
                        return false;
                    }
                }
            }
            return true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false;
        }
    }

    /** A value of the type unlike {@code value}, or null when there is no simple one. */
    private static Object marked(Class<?> type, Object value) {
        if (type == int.class || type == Integer.class) {
            return value == null ? 7 : (Integer) value + 1;
        }
        if (type == long.class || type == Long.class) {
            return value == null ? 7L : (Long) value + 1;
        }
        if (type == double.class || type == Double.class) {
            return value == null ? 7.5 : (Double) value + 1;
        }
        if (type == boolean.class || type == Boolean.class) {
            return value == null ? Boolean.TRUE : !(Boolean) value;
        }
        if (type == String.class) {
            return value == null ? "#" : value + "#";
        }
        if (type == LocalTime.class) {
            return value == null ? LocalTime.NOON : ((LocalTime) value).plusMinutes(1);
        }
        return null;
    }

    private static Object newDefault(FactType type) {
        try {
            return type.newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot create " + type.getName(), e);
        }
    }
}
