package dev.voicemail.rules;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.drools.base.definitions.InternalKnowledgePackage;
import org.drools.base.definitions.rule.impl.RuleImpl;
import org.drools.base.factmodel.ClassDefinition;
import org.drools.base.factmodel.FieldDefinition;
import org.drools.base.rule.DialectRuntimeData;
import org.drools.base.rule.TypeDeclaration;
import org.drools.core.rule.JavaDialectRuntimeData;
import org.drools.util.ClassTypeResolver;
import org.drools.util.TypeResolver;
import org.kie.api.KieBase;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ConstantDynamic;
import org.objectweb.asm.FieldVisitor;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * Keeps rule code inside the rules: reads what Drools compiled from the DRL (the bytecode of every
 * consequence, eval, accumulate, function and declared type, and the MVEL of every constraint, {@code
 * from} and accumulate expression) and refuses any reference to a type or member outside
 * {@link RuleCodeAllowList}, however the source spelt it (import, full name, java.lang's implicit
 * import, a chain of calls). Consequences in the MVEL dialect are refused: MVEL is interpreted by
 * reflection, so only its compiled expressions could be checked, not its statements.
 */
final class RuleCodeConfinement {

    private static final String STRING_CONCAT = "java/lang/invoke/StringConcatFactory";
    private static final String LAMBDA = "java/lang/invoke/LambdaMetafactory";
    private static final Set<String> UNCATCHABLE = Set.of("java/lang/Object", "java/lang/Throwable", "java/lang/Error");
    private static final Set<String> DECLARED_TYPE_INTERFACES = Set.of("java/io/Externalizable", "java/io/Serializable",
            "org/drools/base/factmodel/GeneratedFact");

    private RuleCodeConfinement() {
    }

    /**
     * @param sources DRL text by relative path, to name the line of the rule, function or type at fault
     * @return one error per class (or expression) at fault, naming file and line
     */
    static List<RuleError> check(KieBase base, Map<String, String> sources) {
        Set<RuleError> errors = new LinkedHashSet<>();
        Map<String, byte[]> classes = new HashMap<>();
        Map<String, RuleImpl> rulesByClassPrefix = new HashMap<>();
        Map<RuleImpl, TypeResolver> rules = new java.util.LinkedHashMap<>();
        Set<String> staticImports = new java.util.TreeSet<>();
        Set<String> declaredTypes = new HashSet<>();
        List<TypeDeclaration> declarations = new ArrayList<>();
        for (KiePackage kp : base.getKiePackages()) {
            InternalKnowledgePackage pkg = (InternalKnowledgePackage) kp;
            DialectRuntimeData data = pkg.getDialectRuntimeRegistry().getDialectData("java");
            if (data instanceof JavaDialectRuntimeData java) {
                java.getStore().forEach((resource, bytes) -> {
                    if (resource.endsWith(".class") && bytes != null) {
                        classes.put(resource.substring(0, resource.length() - ".class".length()), bytes);
                    }
                });
            }
            for (TypeDeclaration t : pkg.getTypeDeclarations().values()) {
                // only a class Drools generated is the rules' own; a declaration of an existing class
                // (a fact's metadata, or `declare java.io.File end`) adds nothing to what may be used
                if (t.isGeneratedFact() || t.isNovel()) {
                    declaredTypes.add(t.getTypeClassName().replace('.', '/'));
                    declarations.add(t);
                }
            }
            staticImports.addAll(pkg.getStaticImports());
            TypeResolver resolver = resolver(base, pkg);
            for (Rule r : kp.getRules()) {
                RuleImpl rule = (RuleImpl) r;
                rules.put(rule, resolver);
                if (!"java".equals(rule.getDialect()) && rule.getConsequence() != null
                        && !rule.getConsequence().getClass().getName().contains("Java")) {
                    errors.add(new RuleError(file(rule), line(sources, file(rule), rulePattern(rule.getName())), 0,
                            "rule \"" + rule.getName() + "\" has a consequence in the '" + rule.getDialect()
                                    + "' dialect: consequences are Java (drop `dialect \"mvel\"`), so that what they"
                                    + " call can be checked"));
                }
                rulesByClassPrefix.put(ruleClassPrefix(pkg, rule), rule);
            }
        }
        Set<String> generated = new HashSet<>(classes.keySet());
        generated.addAll(declaredTypes);
        Set<String> ruleClasses = new HashSet<>();
        rulesByClassPrefix.keySet().forEach(invoker -> ruleClasses.add(ruleClass(invoker).replace('.', '/')));
        for (Map.Entry<String, byte[]> entry : classes.entrySet()) {
            String name = entry.getKey();
            if (name.endsWith("Invoker") && ruleClasses.stream().anyMatch(name::startsWith)) {
                continue; // Drools' own wiring from its templates: it calls the rule class's methods, where the rule's code is
            }
            Set<String> refused = refusedReferences(entry.getValue(), generated, declaredTypes.contains(name));
            if (refused.isEmpty()) {
                continue;
            }
            errors.add(locate(entry.getKey(), refused, rulesByClassPrefix, sources));
        }
        for (TypeDeclaration type : declarations) {
            checkDeclaredType(type, generated, sources, errors);
        }
        checkStaticImports(staticImports, generated, sources, errors);
        MvelConfinement.check(rules, generated, sources, errors);
        return new ArrayList<>(errors);
    }

    /**
     * Resolves names as the package's MVEL does: its imports (wildcards too), its own declared types,
     * java.lang. Built from the imports, since a built package keeps no type resolver
     * ({@code getTypeResolver()} is null then): without this, a type reached through an import in a
     * condition ({@code import java.io.File;} ... {@code File.createTempFile(..)}) resolved to
     * nothing and was not checked.
     */
    private static TypeResolver resolver(KieBase base, InternalKnowledgePackage pkg) {
        ClassLoader loader = base instanceof org.drools.base.RuleBase ruleBase ? ruleBase.getRootClassLoader()
                : pkg.getPackageClassLoader();
        return new ClassTypeResolver(new HashSet<>(pkg.getImports().keySet()), loader, pkg.getName());
    }

    /**
     * {@code import function a.B.m} (and {@code import static}) makes {@code m(..)} callable by its
     * bare name, in conditions too, where MVEL interprets it: the import itself is refused when its
     * class or member is. The rules' own functions are imported so too, from generated classes.
     */
    private static void checkStaticImports(Set<String> staticImports, Set<String> generated, Map<String, String> sources,
                                           Set<RuleError> errors) {
        for (String imported : staticImports) {
            int dot = imported.lastIndexOf('.');
            if (dot < 0) {
                continue;
            }
            String owner = imported.substring(0, dot).replace('.', '/');
            String member = imported.substring(dot + 1);
            boolean memberAllowed = member.equals("*") ? !RuleCodeAllowList.anyMemberDenied(owner)
                    : !RuleCodeAllowList.memberDenied(owner, member);
            if (RuleCodeAllowList.typeAllowed(owner, generated) && memberAllowed) {
                continue;
            }
            String spelt = java.util.Arrays.stream(imported.split("\\.")).map(Pattern::quote)
                    .collect(java.util.stream.Collectors.joining("\\s*\\.\\s*"));
            Pattern where = Pattern.compile("(?m)^\\s*import\\s+(function|static)\\s+" + spelt);
            String file = sources.keySet().stream().filter(f -> line(sources, f, where) > 0).findFirst().orElse(null);
            errors.add(new RuleError(file, line(sources, file, where), 0, "import function " + imported + " reaches "
                    + owner.replace('/', '.') + ", which rules may not use" + ALLOWED));
        }
    }

    /**
     * A declared type's class is generated by Drools (into the project class loader, not the package
     * store): only its supertypes and field types are the author's.
     */
    private static void checkDeclaredType(TypeDeclaration type, Set<String> generated, Map<String, String> sources,
                                          Set<RuleError> errors) {
        ClassDefinition def = type.getTypeClassDef();
        if (def == null) {
            return;
        }
        Set<String> refused = new LinkedHashSet<>();
        List<String> named = new ArrayList<>();
        if (def.getSuperClass() != null) {
            named.add(def.getSuperClass());
        }
        if (def.getInterfaces() != null) {
            named.addAll(List.of(def.getInterfaces()));
        }
        for (FieldDefinition field : def.getFieldsDefinitions()) {
            Class<?> t = field.getType();
            while (t != null && t.isArray()) {
                t = t.getComponentType();
            }
            named.add(t != null ? t.getName() : field.getTypeName());
        }
        for (String name : named) {
            if (name == null || name.indexOf('.') < 0) {
                continue; // a primitive
            }
            String internal = name.replace('.', '/');
            if (!DECLARED_TYPE_INTERFACES.contains(internal) && !RuleCodeAllowList.typeAllowed(internal, generated)) {
                refused.add(name);
            }
        }
        if (refused.isEmpty()) {
            return;
        }
        String file = type.getResource() == null ? null : relative(type.getResource().getSourcePath());
        String simple = type.getTypeName();
        errors.add(new RuleError(file, line(sources, file, Pattern.compile("(?m)^\\s*declare\\s+(trait\\s+)?"
                + Pattern.quote(simple) + "\\b")), 0, "declared type " + simple + " uses " + String.join(", ", refused)
                + ", which rules may not use" + ALLOWED));
    }

    private static String relative(String path) {
        return path != null && path.startsWith("src/main/resources/") ? path.substring("src/main/resources/".length()) : path;
    }

    /** What a class references that the allow-list does not hold, as {@code owner.member} or a type name. */
    static Set<String> refusedReferences(byte[] bytecode, Set<String> generated, boolean declaredType) {
        Set<String> refused = new LinkedHashSet<>();
        Checker check = new Checker(generated, refused, declaredType);
        new ClassReader(bytecode).accept(check.classVisitor(), ClassReader.SKIP_FRAMES);
        return refused;
    }

    private static final class Checker {
        private final Set<String> generated;
        private final Set<String> refused;
        /** Drools writes a declared type's methods itself; only what the author chose (field types, supertypes) is theirs. */
        private final boolean declaredType;

        Checker(Set<String> generated, Set<String> refused, boolean declaredType) {
            this.generated = generated;
            this.refused = refused;
            this.declaredType = declaredType;
        }

        void type(String internalName) {
            if (internalName == null) {
                return;
            }
            if (internalName.startsWith("[")) {
                type(Type.getType(internalName));
                return;
            }
            if (!RuleCodeAllowList.typeAllowed(internalName, generated)) {
                refused.add(internalName.replace('/', '.'));
            }
        }

        void type(Type t) {
            switch (t.getSort()) {
                case Type.ARRAY -> type(t.getElementType());
                case Type.OBJECT -> type(t.getInternalName());
                case Type.METHOD -> {
                    type(t.getReturnType());
                    for (Type a : t.getArgumentTypes()) {
                        type(a);
                    }
                }
                default -> {
                }
            }
        }

        void descriptor(String descriptor) {
            if (descriptor != null) {
                type(Type.getType(descriptor));
            }
        }

        void member(String owner, String name, String descriptor) {
            type(owner);
            descriptor(descriptor);
            if (RuleCodeAllowList.memberDenied(owner, name)) {
                refused.add(owner.replace('/', '.') + "." + name);
            }
        }

        void constant(Object value) {
            if (value instanceof Type t) {
                // `modify` passes the fact's class; a Class is inert while no member of Class may be called
                type(t);
            } else if (value instanceof Handle h) {
                member(h.getOwner(), h.getName(), h.getDesc());
            } else if (value instanceof ConstantDynamic c) {
                refused.add("a dynamic constant (" + c.getName() + ")");
            }
        }

        ClassVisitor classVisitor() {
            return new ClassVisitor(Opcodes.ASM9) {
                @Override
                public void visit(int version, int access, String name, String signature, String superName,
                                  String[] interfaces) {
                    type(superName);
                    if (interfaces != null) {
                        for (String i : interfaces) {
                            if (!DECLARED_TYPE_INTERFACES.contains(i)) { // Drools makes facts and functions externalizable
                                type(i);
                            }
                        }
                    }
                }

                @Override
                public FieldVisitor visitField(int access, String name, String descriptor, String signature, Object value) {
                    descriptor(descriptor);
                    return null;
                }

                @Override
                public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                                 String[] exceptions) {
                    if (declaredType) {
                        return null; // getters, setters, equals, hashCode, toString, externalisation: generated
                    }
                    if ((access & Opcodes.ACC_STATIC) == 0 && (name.equals("writeExternal")
                            && descriptor.equals("(Ljava/io/ObjectOutput;)V") || name.equals("readExternal")
                            && descriptor.equals("(Ljava/io/ObjectInput;)V"))) {
                        return null; // Drools' serialisation of a function's class; a function is a static method
                    }
                    descriptor(descriptor);
                    if ((access & Opcodes.ACC_NATIVE) != 0) {
                        refused.add("a native method");
                    }
                    if ((access & Opcodes.ACC_SYNCHRONIZED) != 0) {
                        refused.add("a synchronized method");
                    }
                    return methodVisitor();
                }
            };
        }

        MethodVisitor methodVisitor() {
            return new MethodVisitor(Opcodes.ASM9) {
                @Override
                public void visitTypeInsn(int opcode, String type) {
                    type(type);
                }

                @Override
                public void visitFieldInsn(int opcode, String owner, String name, String descriptor) {
                    member(owner, name, descriptor);
                }

                @Override
                public void visitMethodInsn(int opcode, String owner, String name, String descriptor, boolean isInterface) {
                    member(owner, name, descriptor);
                }

                @Override
                public void visitInvokeDynamicInsn(String name, String descriptor, Handle bsm, Object... args) {
                    descriptor(descriptor);
                    if (bsm.getOwner().equals(STRING_CONCAT)) {
                        return; // "a" + b: the arguments are in the descriptor, checked above
                    }
                    if (bsm.getOwner().equals(LAMBDA) && bsm.getName().equals("metafactory")) {
                        for (Object a : args) { // the lambda's body is a method checked on its own; its target:
                            if (a instanceof Handle h) {
                                member(h.getOwner(), h.getName(), h.getDesc());
                            } else if (a instanceof Type t && t.getSort() == Type.METHOD) {
                                type(t);
                            }
                        }
                        return;
                    }
                    refused.add("an invokedynamic bootstrap " + bsm.getOwner().replace('/', '.') + "." + bsm.getName());
                }

                @Override
                public void visitLdcInsn(Object value) {
                    constant(value);
                }

                @Override
                public void visitMultiANewArrayInsn(String descriptor, int numDimensions) {
                    descriptor(descriptor);
                }

                @Override
                public void visitTryCatchBlock(Label start, Label end, Label handler, String type) {
                    // Code that catches an Error (or anything, as a finally does) could swallow the stop of a
                    // runaway trial (see TrialBudget). A switch over an enum catches NoSuchFieldError.
                    if (type == null) {
                        refused.add("a finally or synchronized block");
                    } else if (!type.equals("java/lang/NoSuchFieldError")) {
                        if (!RuleCodeAllowList.typeAllowed(type, generated) || UNCATCHABLE.contains(type)) {
                            refused.add("a catch of " + type.replace('/', '.'));
                        }
                    }
                }

                @Override
                public void visitInsn(int opcode) {
                    if (opcode == Opcodes.MONITORENTER) {
                        refused.add("a synchronized block");
                    }
                }

                @Override
                public void visitLocalVariable(String name, String descriptor, String signature, Label start, Label end,
                                               int index) {
                    descriptor(descriptor);
                }
            };
        }
    }

    /** Drools names a rule's generated classes {@code <package>.Rule_<name>_<digest>...}. */
    private static String ruleClassPrefix(InternalKnowledgePackage pkg, RuleImpl rule) {
        String className = rule.getConsequence() == null ? null : rule.getConsequence().getClass().getName();
        return className == null ? pkg.getName() + ".Rule_" + rule.getName() : className;
    }

    private static RuleError locate(String internalName, Set<String> refused, Map<String, RuleImpl> rules,
                                    Map<String, String> sources) {
        String className = internalName.replace('/', '.');
        String what = String.join(", ", refused);
        String outer = className.contains("$") ? className.substring(0, className.indexOf('$')) : className;
        RuleImpl best = null;
        for (Map.Entry<String, RuleImpl> r : rules.entrySet()) {
            String ruleClass = ruleClass(r.getKey());
            if (ruleClass != null && outer.startsWith(ruleClass)) {
                best = r.getValue();
            }
        }
        if (best != null) {
            String file = file(best);
            return new RuleError(file, line(sources, file, rulePattern(best.getName())), 0, "rule \"" + best.getName()
                    + "\" uses " + what + ", which rules may not use" + ALLOWED);
        }
        String simple = outer.substring(outer.lastIndexOf('.') + 1);
        String pkg = outer.lastIndexOf('.') < 0 ? "" : outer.substring(0, outer.lastIndexOf('.'));
        // a function (class <package>.<Name>) or a declared type (<package>.<Name>)
        for (Map.Entry<String, String> source : sources.entrySet()) {
            if (!source.getValue().contains("package " + pkg + ";") && !source.getValue().contains("package " + pkg + "\n")) {
                continue;
            }
            int line = line(sources, source.getKey(), Pattern.compile("(?m)^\\s*declare\\s+(trait\\s+)?"
                    + Pattern.quote(simple) + "\\b"));
            if (line > 0) {
                return new RuleError(source.getKey(), line, 0, "declared type " + simple + " uses " + what
                        + ", which rules may not use" + ALLOWED);
            }
            String function = simple.length() > 1 ? Character.toLowerCase(simple.charAt(0)) + simple.substring(1) : simple;
            line = line(sources, source.getKey(), Pattern.compile("(?m)^\\s*function\\s+[\\w.<>\\[\\], ]+\\s+("
                    + Pattern.quote(simple) + "|" + Pattern.quote(function) + ")\\s*\\("));
            if (line > 0) {
                return new RuleError(source.getKey(), line, 0, "function " + function + " uses " + what
                        + ", which rules may not use" + ALLOWED);
            }
        }
        return new RuleError(null, 0, 0, "generated class " + className + " uses " + what + ", which rules may not use"
                + ALLOWED);
    }

    static final String ALLOWED = " (rules may use the fact types, their own declared types and functions,"
            + " java.time, java.util collections, String, Math and the boxed primitives: see docs/authoring.md)";

    /** The rule class a consequence invoker belongs to: {@code Rule_x_123DefaultConsequenceInvoker} -> {@code Rule_x_123}. */
    private static String ruleClass(String invoker) {
        int i = invoker.indexOf("DefaultConsequenceInvoker");
        if (i < 0) {
            i = invoker.indexOf("ConsequenceInvoker");
        }
        return i < 0 ? invoker : invoker.substring(0, i);
    }

    static Pattern rulePattern(String name) {
        return Pattern.compile("(?m)^\\s*rule\\s+\"" + Pattern.quote(name) + "\"");
    }

    static String file(RuleImpl rule) {
        if (rule.getResource() == null || rule.getResource().getSourcePath() == null) {
            return null;
        }
        String path = rule.getResource().getSourcePath();
        return path.startsWith("src/main/resources/") ? path.substring("src/main/resources/".length()) : path;
    }

    /** The 1-based line where {@code pattern} first matches in the file, 0 when it does not. */
    static int line(Map<String, String> sources, String file, Pattern pattern) {
        String text = file == null ? null : sources.get(file);
        if (text == null) {
            return 0;
        }
        Matcher m = pattern.matcher(text);
        if (!m.find()) {
            return 0;
        }
        int line = 1;
        for (int i = 0; i < m.start(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        // the match may start on the blank lines before the keyword
        String before = text.substring(m.start(), m.end());
        for (int i = 0; i < before.length() && Character.isWhitespace(before.charAt(i)); i++) {
            if (before.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }
}
