package dev.voicemail.rules;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.drools.base.definitions.InternalKnowledgePackage;
import org.drools.base.definitions.rule.impl.RuleImpl;
import org.drools.kiesession.rulebase.InternalKnowledgeBase;
import org.drools.kiesession.rulebase.KnowledgeBaseFactory;
import org.drools.wiring.api.classloader.ProjectClassLoader;
import org.jboss.logging.Logger;
import org.kie.api.KieServices;
import org.kie.api.definition.KiePackage;
import org.kie.api.io.ResourceType;
import org.kie.internal.builder.CompositeKnowledgeBuilder;
import org.kie.internal.builder.KnowledgeBuilder;
import org.kie.internal.builder.KnowledgeBuilderFactory;
import org.kie.internal.io.ResourceFactory;

/**
 * The common files compiled once, for every policy to start from.
 *
 * <p>Why: every policy is a KieBase of its own, built from its file and all the common files, and the
 * common files are most of the rules. Compiled with each policy, an edit of a common file recompiled
 * them once per policy (about 0.3 s each): 4.3 s at 26 policies. Compiled once and kept as an image
 * ({@link KieBaseImage}), each policy starts from its own restored copy (its own classes, rules and
 * network: no rule object is shared between policies) and only its file is compiled onto it, with
 * Drools' incremental builder, the one KieContainer uses to update a KieBase.
 *
 * <p>That fast path is taken only when it is certain to give what building everything together gives:
 * the common files compile alone, the policy compiles onto them without an error, and the common
 * packages come out untouched (a policy file that says {@code package common;} would merge into
 * them). Otherwise the policy is built the whole way ({@link PolicyBuilder}), which is also what
 * reports errors, with their files and lines.
 */
final class CommonRules {

    private static final Logger LOG = Logger.getLogger(CommonRules.class);

    /**
     * The common files compiled: their image, and the packages and generated classes it holds, each sorted
     * (the order {@link #parts} lists them in); no image when they do not compile alone.
     */
    private record Compiled(String digest, byte[] image, List<String> packages, List<String> classes) {
    }

    private Compiled last;

    /**
     * The policy's KieBase, built on the compiled common files; null when the fast path is not certain to
     * give what the whole build gives (the caller then builds it whole).
     */
    InternalKnowledgeBase build(PolicySource source) {
        Compiled common = compiled(source.common());
        if (common.image() == null) {
            return null;
        }
        try {
            InternalKnowledgeBase base = KieBaseImage.restore(common.image());
            List<Object> before = parts(base, common.packages(), common.classes());
            KnowledgeBuilder builder = KnowledgeBuilderFactory.newKnowledgeBuilder(base,
                    KnowledgeBuilderFactory.newKnowledgeBuilderConfiguration(null, base.getRootClassLoader()));
            builder.add(resource(source.path(), source.drl()), ResourceType.DRL);
            if (builder.hasErrors() || !sameObjects(before, parts(base, common.packages(), common.classes()))) {
                return null;
            }
            return base;
        } catch (IOException | ClassNotFoundException | RuntimeException | LinkageError e) {
            LOG.warnf("Policy '%s' is built whole, as the common files' compiled copy failed: %s", source.name(), e);
            return null;
        }
    }

    /** The common files' compiled form, from the last call when they are the same files. */
    private synchronized Compiled compiled(Map<String, String> files) {
        String digest = RulesDirectory.digest(new TreeMap<>(files));
        if (last == null || !last.digest().equals(digest)) {
            last = compile(digest, files);
        }
        return last;
    }

    private static Compiled compile(String digest, Map<String, String> files) {
        try {
            ProjectClassLoader loader = ProjectClassLoader.createProjectClassLoader(RememberingClassLoader.APPLICATION);
            InternalKnowledgeBase base = KnowledgeBaseFactory.newKnowledgeBase(
                    PolicyBuilder.policyBase(KieServices.get().newKieBaseConfiguration(null, loader)));
            KnowledgeBuilder builder = KnowledgeBuilderFactory.newKnowledgeBuilder(base,
                    KnowledgeBuilderFactory.newKnowledgeBuilderConfiguration(null, loader));
            CompositeKnowledgeBuilder batch = builder.batch(); // the files together: one may use another's declared types
            files.forEach((path, drl) -> batch.add(resource(path, drl), ResourceType.DRL));
            batch.build();
            if (builder.hasErrors()) {
                return new Compiled(digest, null, List.of(), List.of());
            }
            List<String> packages = base.getKiePackages().stream().map(KiePackage::getName).sorted().toList();
            List<String> classes = KieBaseImage.generatedClasses(loader).keySet().stream().sorted().toList();
            return new Compiled(digest, KieBaseImage.of(base), packages, classes);
        } catch (IOException | RuntimeException | LinkageError e) {
            LOG.warnf("The common files are compiled with each policy, as compiling them alone failed: %s", e);
            return new Compiled(digest, null, List.of(), List.of());
        }
    }

    /** As KieBuilder names a file (its errors and the checks place rules by it). */
    private static org.kie.api.io.Resource resource(String path, String drl) {
        return ResourceFactory.newByteArrayResource(drl.getBytes(StandardCharsets.UTF_8)).setSourcePath(PolicyBuilder.RESOURCES + path);
    }

    /**
     * What the common packages are made of, in a fixed order: their rules, declared types, functions and
     * globals, and the bytecode of their declared types' classes.
     */
    private static List<Object> parts(InternalKnowledgeBase base, List<String> packages, List<String> classes) {
        List<Object> parts = new ArrayList<>();
        for (String name : packages) {
            InternalKnowledgePackage pkg = base.getPackage(name);
            parts.add(pkg);
            if (pkg == null) {
                continue;
            }
            Map<String, RuleImpl> rules = new TreeMap<>();
            pkg.getRules().forEach(r -> rules.put(r.getName(), (RuleImpl) r));
            parts.addAll(rules.values());
            parts.addAll(new TreeMap<>(pkg.getTypeDeclarations()).values());
            parts.addAll(new TreeMap<>(pkg.getFunctions()).values());
            new TreeMap<>(pkg.getGlobals()).forEach((global, type) -> parts.add(global + ':' + type));
        }
        Map<String, byte[]> store = KieBaseImage.generatedClasses(base.getRootClassLoader());
        for (String type : classes) {
            parts.add(type);
            parts.add(store.get(type));
        }
        return parts;
    }

    /** Whether two lists hold the same objects (strings: equal ones), in the same order. */
    private static boolean sameObjects(List<Object> a, List<Object> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            Object x = a.get(i);
            Object y = b.get(i);
            if (x != y && !(x instanceof String && x.equals(y))) {
                return false;
            }
        }
        return true;
    }
}
