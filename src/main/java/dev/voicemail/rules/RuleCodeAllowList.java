package dev.voicemail.rules;

import java.util.Set;

/**
 * What compiled rule code may reference: the fact types, {@code java.time}, {@code java.util}
 * collections, {@code String}, {@code Math}, the boxed primitives, and exactly the Drools glue that
 * generated code needs. Names are JVM internal names ({@code java/lang/String}). Everything else is
 * refused, so a rule cannot reach the host (files, network, processes, threads, reflection, class
 * loading, the environment). docs/authoring.md lists the same; keep the two in step.
 */
final class RuleCodeAllowList {

    /** The project's fact classes (what the shipped DRL imports), and their parts. */
    private static final Set<String> FACTS = Set.of(
            "dev/voicemail/facts/Action", "dev/voicemail/facts/Attempt", "dev/voicemail/facts/Call",
            "dev/voicemail/facts/Channel", "dev/voicemail/facts/ClientProfile", "dev/voicemail/facts/Decision",
            "dev/voicemail/facts/Direction", "dev/voicemail/facts/MessageKind", "dev/voicemail/facts/Outcome",
            "dev/voicemail/facts/Prospect", "dev/voicemail/facts/Reason", "dev/voicemail/facts/Rep",
            "dev/voicemail/facts/Sequence");

    private static final Set<String> JAVA_LANG = Set.of(
            "Object", "Class", "String", "StringBuilder", "CharSequence", "Comparable", "Iterable", "Number", "Math", "StrictMath",
            "Integer", "Long", "Double", "Float", "Short", "Byte", "Character", "Boolean", "Void", "Enum",
            // what rule code may throw; catching anything is refused (see RuleCodeConfinement)
            "RuntimeException", "IllegalArgumentException", "IllegalStateException", "ArithmeticException",
            "NullPointerException", "IndexOutOfBoundsException", "UnsupportedOperationException");

    /** In an allowed class, members that still reach the host (system properties) or reflection. */
    private static final Set<String> DENIED_MEMBERS = Set.of(
            "java/lang/Integer.getInteger", "java/lang/Long.getLong", "java/lang/Boolean.getBoolean",
            "java/lang/Object.getClass", "java/lang/Enum.valueOf", "java/lang/Enum.getDeclaringClass",
            "java/lang/Object.wait", "java/lang/Object.notify", "java/lang/Object.notifyAll",
            // change the whole JVM's defaults, under every other request
            "java/util/Locale.setDefault", "java/util/TimeZone.setDefault");

    /** java.util classes that start threads, load services or classes, or open files. */
    private static final Set<String> DENIED_UTIL = Set.of(
            "java/util/Timer", "java/util/TimerTask", "java/util/ServiceLoader", "java/util/ResourceBundle",
            "java/util/Scanner", "java/util/Formatter", "java/util/Properties", "java/util/PropertyResourceBundle",
            "java/util/ListResourceBundle", "java/util/PropertyPermission", "java/util/SplittableRandom");

    /**
     * The Drools classes generated consequences, evals and accumulators are wired through, each with
     * only the members the glue calls. Measured on the shipped rules; a new Drools version that
     * generates other calls shows up as a refused shipped rule in RuleConfinementTest.
     */
    private static final Set<String> GLUE_TYPES = Set.of(
            "org/drools/core/rule/consequence/KnowledgeHelper", "org/drools/base/rule/consequence/ConsequenceContext",
            "org/kie/api/runtime/rule/RuleContext", "org/kie/api/runtime/rule/FactHandle",
            "org/drools/base/definitions/rule/impl/RuleImpl", "org/drools/base/rule/Declaration",
            "org/drools/base/reteoo/BaseTuple", "org/drools/base/base/ValueResolver",
            "org/drools/core/reteoo/Tuple", "org/drools/core/common/InternalFactHandle",
            "org/drools/base/rule/consequence/Consequence", "org/drools/mvel/java/JavaConsequence",
            "org/drools/base/rule/accessor/CompiledInvoker", "org/drools/base/rule/accessor/EvalExpression",
            "org/drools/base/rule/accessor/Accumulator", "org/drools/base/rule/accessor/ReturnValueExpression",
            "org/drools/base/rule/accessor/PredicateExpression", "org/drools/base/rule/accessor/Invoker",
            "org/drools/core/base/BaseEvaluator", "org/drools/base/base/BaseTuple", "org/drools/base/rule/Pattern",
            "org/drools/core/WorkingMemory", "org/kie/api/runtime/rule/EntryPoint",
            "org/drools/core/util/asm/MethodComparator", "org/drools/wiring/api/classloader/ProjectClassLoader",
            "org/drools/base/rule/accessor/Wireable", "org/drools/mvel/asm/GeneratorHelper",
            "org/drools/base/factmodel/GeneratedFact", "org/kie/api/definition/type/Position",
            "org/drools/base/factmodel/traits/Traitable", "org/drools/util/bitmask/BitMask",
            "org/drools/util/bitmask/AllSetButLastBitMask", "org/drools/util/bitmask/AllSetBitMask",
            "org/drools/util/bitmask/EmptyBitMask", "org/drools/util/bitmask/LongBitMask",
            "org/drools/util/bitmask/OpenBitSet", "org/drools/util/bitmask/EmptyButLastBitMask",
            "org/drools/base/rule/accessor/FieldValue", "org/drools/mvel/field/FieldFactory");

    /** Glue members that hand out the engine or its host: refused although their class is glue. */
    private static final Set<String> DENIED_GLUE_MEMBERS = Set.of(
            "org/drools/core/rule/consequence/KnowledgeHelper.getKieRuntime",
            "org/kie/api/runtime/rule/RuleContext.getKieRuntime",
            "org/drools/core/rule/consequence/KnowledgeHelper.getWorkingMemory",
            "org/drools/core/rule/consequence/KnowledgeHelper.getEntryPoint",
            "org/drools/core/rule/consequence/KnowledgeHelper.getChannels",
            "org/drools/core/rule/consequence/KnowledgeHelper.getContext",
            "org/drools/core/rule/consequence/KnowledgeHelper.getRule",
            "org/kie/api/runtime/rule/RuleContext.getRule",
            "org/drools/core/rule/consequence/KnowledgeHelper.getMatch",
            "org/kie/api/runtime/rule/RuleContext.getMatch",
            "org/drools/core/WorkingMemory.getKnowledgeBase");

    private RuleCodeAllowList() {
    }

    /** @param generated classes the same compile produced (rules, functions, declared types) */
    static boolean typeAllowed(String internalName, Set<String> generated) {
        if (generated.contains(internalName) || FACTS.contains(internalName)) {
            return true;
        }
        String outer = internalName.contains("$") ? internalName.substring(0, internalName.indexOf('$')) : internalName;
        if (FACTS.contains(outer) || generated.contains(outer)) {
            return true;
        }
        if (internalName.startsWith("java/lang/") && internalName.indexOf('/', 10) < 0) {
            return JAVA_LANG.contains(internalName.substring(10));
        }
        if (internalName.startsWith("java/time/")) {
            return !internalName.startsWith("java/time/zone/ZoneRulesProvider");
        }
        if (internalName.startsWith("java/util/")) {
            String rest = internalName.substring(10);
            boolean topLevel = rest.indexOf('/') < 0;
            boolean functional = rest.startsWith("function/") && rest.indexOf('/', 9) < 0
                    || rest.startsWith("stream/") && rest.indexOf('/', 7) < 0
                    || rest.startsWith("regex/") && rest.indexOf('/', 6) < 0;
            return (topLevel || functional) && !DENIED_UTIL.contains(outer);
        }
        return GLUE_TYPES.contains(internalName);
    }

    /** True when some member of the owner is refused: a wildcard static import of it would reach that member by its bare name. */
    static boolean anyMemberDenied(String owner) {
        return owner.equals("java/lang/Class") || DENIED_MEMBERS.stream().anyMatch(m -> m.startsWith(owner + "."))
                || DENIED_GLUE_MEMBERS.stream().anyMatch(m -> m.startsWith(owner + "."));
    }

    /** A method or field of an allowed owner that is refused all the same. */
    static boolean memberDenied(String owner, String name) {
        if (owner.equals("java/lang/Class")) {
            return true; // a Class may be passed along (modify needs it), never asked for its loader, methods or fields
        }
        String member = owner + "." + name;
        return DENIED_MEMBERS.contains(member) || DENIED_GLUE_MEMBERS.contains(member);
    }
}
