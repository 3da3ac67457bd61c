package dev.voicemail.rules;

import java.lang.reflect.Field;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.drools.base.definitions.rule.impl.RuleImpl;
import org.drools.base.rule.Accumulate;
import org.drools.base.rule.EvalCondition;
import org.drools.base.rule.From;
import org.drools.base.rule.RuleConditionElement;
import org.drools.base.rule.accessor.Accumulator;
import org.drools.base.rule.constraint.Constraint;
import org.drools.mvel.MVELConstraint;
import org.drools.mvel.expr.MVELCompilationUnit;
import org.drools.util.TypeResolver;

/**
 * The MVEL half of {@link RuleCodeConfinement}. Constraints, {@code from} sources, accumulate
 * arguments and evals in MVEL are interpreted through reflection, so there is no bytecode to read:
 * instead every MVEL expression Drools compiled for a rule (taken from the compiled rule, not the
 * DRL) is read for the names it reaches, and each dotted name is resolved with the package's own
 * type resolver (its imports, java.lang's implicit import, full names) exactly as Drools resolves
 * it. A name that resolves to a type outside the allow-list, or a member that hands out a
 * {@code Class} ({@code getClass()}, {@code .class}), is refused.
 */
final class MvelConfinement {

    /** Quoted text is data, not names. */
    private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'");
    /** A dotted name, e.g. {@code java.lang.System.getenv} or {@code $d.class}. */
    private static final Pattern NAME = Pattern.compile("(?<![\\w$.])[A-Za-z_$][\\w$]*(\\s*\\.\\s*[A-Za-z_$][\\w$]*)*");
    private static final Set<String> REFLECTIVE_MEMBERS = Set.of("class", "getClass", "getClassLoader", "forName",
            "getDeclaringClass", "classLoader", "declaringClass");

    private MvelConfinement() {
    }

    /** @param rules each rule with the type resolver of its package (its imports) */
    static void check(Map<RuleImpl, TypeResolver> rules, Set<String> generated, Map<String, String> sources,
                      Set<RuleError> errors) {
        for (Map.Entry<RuleImpl, TypeResolver> entry : rules.entrySet()) {
            RuleImpl rule = entry.getKey();
            Set<String> expressions = new LinkedHashSet<>();
            collect(rule.getLhs(), expressions, new IdentityHashMap<>());
            TypeResolver resolver = entry.getValue();
            Set<String> refused = new LinkedHashSet<>();
            for (String expression : expressions) {
                refused.addAll(refusedNames(expression, resolver, generated));
            }
            if (!refused.isEmpty()) {
                String file = RuleCodeConfinement.file(rule);
                errors.add(new RuleError(file, RuleCodeConfinement.line(sources, file,
                        RuleCodeConfinement.rulePattern(rule.getName())), 0, "rule \"" + rule.getName()
                        + "\" uses " + String.join(", ", refused) + " in a condition, which rules may not use"
                        + RuleCodeConfinement.ALLOWED));
            }
        }
    }

    /** Every MVEL expression below {@code element}: constraints, from sources, accumulate arguments, evals. */
    private static void collect(Object element, Set<String> out, Map<Object, Boolean> seen) {
        if (element == null || seen.put(element, Boolean.TRUE) != null) {
            return;
        }
        if (element instanceof org.drools.base.rule.Pattern p) {
            for (Constraint c : p.getConstraints()) {
                if (c instanceof MVELConstraint m) {
                    out.add(m.getExpression());
                }
                units(c, out);
            }
            collect(p.getSource(), out, seen);
        }
        if (element instanceof From from) {
            units(from.getDataProvider(), out);
        }
        if (element instanceof Accumulate acc) {
            for (Accumulator a : acc.getAccumulators()) {
                units(a, out);
            }
        }
        if (element instanceof EvalCondition eval) {
            units(eval.getEvalExpression(), out);
        }
        if (element instanceof RuleConditionElement rce) {
            for (Object child : rce.getNestedElements()) {
                collect(child, out, seen);
            }
        }
    }

    /** Drools keeps an MVEL expression's source in an {@link MVELCompilationUnit} field of the object that runs it. */
    private static void units(Object holder, Set<String> out) {
        if (holder == null) {
            return;
        }
        for (Class<?> c = holder.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (MVELCompilationUnit.class.isAssignableFrom(f.getType())) {
                    try {
                        f.setAccessible(true);
                        MVELCompilationUnit unit = (MVELCompilationUnit) f.get(holder);
                        if (unit != null && unit.getExpression() != null) {
                            out.add(unit.getExpression());
                        }
                    } catch (ReflectiveOperationException | RuntimeException e) {
                        out.add("unreadable MVEL expression of " + holder.getClass().getSimpleName());
                    }
                } else if (Accumulator.class.isAssignableFrom(f.getType()) && f.getType() != holder.getClass()) {
                    try {
                        f.setAccessible(true);
                        Object nested = f.get(holder);
                        if (nested != null && nested != holder) {
                            units(nested, out);
                        }
                    } catch (ReflectiveOperationException | RuntimeException e) {
                        // an accumulator wrapper without an expression of its own
                    }
                }
            }
        }
    }

    /** The names in {@code expression} that reach outside the allow-list. */
    static Set<String> refusedNames(String expression, TypeResolver resolver, Set<String> generated) {
        Set<String> refused = new LinkedHashSet<>();
        if (expression.startsWith("unreadable MVEL expression")) {
            refused.add(expression);
            return refused;
        }
        String code = STRING.matcher(expression).replaceAll("\"\"");
        Matcher m = NAME.matcher(code);
        while (m.find()) {
            String[] parts = m.group().replaceAll("\\s+", "").split("\\.");
            for (String part : parts) {
                if (REFLECTIVE_MEMBERS.contains(part)) {
                    refused.add(part.equals("class") ? ".class" : part + "()");
                }
            }
            StringBuilder prefix = new StringBuilder();
            for (String part : parts) {
                if (!prefix.isEmpty()) {
                    prefix.append('.');
                }
                prefix.append(part);
                Class<?> type = resolve(prefix.toString(), resolver);
                if (type != null) {
                    String internal = type.getName().replace('.', '/');
                    if (!RuleCodeAllowList.typeAllowed(internal, generated)) {
                        refused.add(type.getName());
                    }
                    break; // what follows is a member of an allowed type, or of one already refused
                }
            }
        }
        return refused;
    }

    private static Class<?> resolve(String name, TypeResolver resolver) {
        if (!Character.isUpperCase(name.charAt(name.lastIndexOf('.') + 1))) {
            return null; // a variable, a field or a package: only a capitalised name can be a type
        }
        if (resolver != null) {
            try {
                return resolver.resolveType(name);
            } catch (ClassNotFoundException | RuntimeException | LinkageError e) {
                // not through the imports; a full name still reaches a class
            }
        }
        for (String candidate : new String[] {name, "java.lang." + name}) {
            try {
                return Class.forName(candidate, false, MvelConfinement.class.getClassLoader());
            } catch (ClassNotFoundException | LinkageError e) {
                // not this one
            }
        }
        return null;
    }
}
