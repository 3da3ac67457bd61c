package dev.voicemail.rules;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.kie.api.KieBase;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.type.FactField;
import org.kie.api.definition.type.FactType;

/**
 * Reads what a compiled policy declares about itself: exactly one type annotated
 * {@code @policy("description")} (its fields are the policy's parameters), and any annotated
 * {@code @parameters} (shared ones, from the common files), each field becoming a {@link ParameterSpec}.
 */
final class PolicyDeclarations {

    private PolicyDeclarations() {
    }

    /**
     * The policy compiled into {@code base}, described; null when its declarations are wrong, each
     * problem then added to {@code errors} (so are problems with single parameters).
     *
     * @param file the policy's file, which the problems name
     */
    static PolicyRules read(String name, String file, KieBase base, Set<RuleError> errors) {
        List<ParameterSet> sets = new ArrayList<>();
        List<String> descriptions = new ArrayList<>();
        Map<String, String> seen = new LinkedHashMap<>();
        for (KiePackage pkg : base.getKiePackages()) {
            for (FactType type : pkg.getFactTypes()) {
                Map<String, Object> meta = type.getMetaData() == null ? Map.of() : type.getMetaData();
                boolean isPolicy = meta.containsKey("policy");
                if (!isPolicy && !meta.containsKey("parameters")) {
                    continue;
                }
                if (isPolicy) {
                    descriptions.add(unquote(meta.get("policy")));
                }
                Object defaults;
                try {
                    defaults = type.newInstance();
                } catch (ReflectiveOperationException e) {
                    errors.add(new RuleError(file, 0, 0, "cannot instantiate " + type.getName() + ": " + e));
                    continue;
                }
                List<ParameterSpec> specs = new ArrayList<>();
                for (FactField field : type.getFields()) {
                    ParameterSpec spec = ParameterSpec.of(field, field.get(defaults));
                    if (spec == null) {
                        errors.add(new RuleError(file, 0, 0, "parameter " + type.getSimpleName() + "." + field.getName()
                                + " has type " + field.getType().getSimpleName()
                                + "; a parameter is int, long, double, boolean, String, LocalTime or their boxed forms"));
                        continue;
                    }
                    String other = seen.putIfAbsent(field.getName(), type.getName());
                    if (other != null) {
                        errors.add(new RuleError(file, 0, 0, "parameter " + field.getName() + " is declared by both "
                                + other + " and " + type.getName()));
                    }
                    specs.add(spec);
                }
                sets.add(new ParameterSet(type, specs));
            }
        }
        if (descriptions.size() != 1) {
            errors.add(new RuleError(file, 0, 0, descriptions.isEmpty()
                    ? "policy '" + name + "' declares no policy type: add `declare " + typeName(name)
                            + " @policy(\"what this policy does\") end`, with its parameters as fields"
                    : "policy '" + name + "' declares " + descriptions.size() + " types with @policy; one is allowed"));
            return null;
        }
        return new PolicyRules(name, file, descriptions.get(0), base, sets);
    }

    /** Declared-type metadata keeps the quotes of its literal: {@code "text"}. */
    static String unquote(Object value) {
        if (value == null) {
            return null;
        }
        String s = value.toString();
        if (s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")) {
            s = s.substring(1, s.length() - 1).replace("\\\"", "\"");
        }
        return s;
    }

    /** The type name the error message suggests for a policy: {@code only-after-contact} -> {@code OnlyAfterContactPolicy}. */
    private static String typeName(String policy) {
        StringBuilder b = new StringBuilder();
        for (String part : policy.split("[^A-Za-z0-9]+")) {
            if (!part.isEmpty()) {
                b.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
            }
        }
        return b + "Policy";
    }
}
