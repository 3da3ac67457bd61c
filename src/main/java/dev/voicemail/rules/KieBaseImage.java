package dev.voicemail.rules;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;

import org.drools.base.common.DroolsObjectInputStream;
import org.drools.base.common.DroolsObjectOutputStream;
import org.drools.kiesession.rulebase.InternalKnowledgeBase;
import org.drools.kiesession.rulebase.KnowledgeBaseFactory;
import org.drools.wiring.api.classloader.ProjectClassLoader;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.definition.KiePackage;

/**
 * A compiled KieBase as bytes: the classes of the types its DRL declares, as name/bytes pairs, then its
 * knowledge packages (rules, with the bytecode generated for their consequences and constraints, and
 * functions) as Drools serialises them. {@link #restore} makes an independent KieBase from it, with
 * its own class loader, as often as needed: what {@link CompiledRulesCache} keeps on disk, and what
 * {@link CommonRules} starts every policy from.
 */
final class KieBaseImage {

    private KieBaseImage() {
    }

    /** The image of {@code base}. Take it before any session of the KieBase runs. */
    static byte[] of(KieBase base) throws IOException {
        InternalKnowledgeBase kb = (InternalKnowledgeBase) base;
        if (!(kb.getRootClassLoader() instanceof ProjectClassLoader loader)) {
            throw new IOException("unexpected class loader " + kb.getRootClassLoader().getClass().getName());
        }
        ByteArrayOutputStream payload = new ByteArrayOutputStream(256 << 10);
        try (DataOutputStream out = new DataOutputStream(payload)) {
            Map<String, byte[]> classes = new TreeMap<>(generatedClasses(loader));
            out.writeInt(classes.size());
            for (Map.Entry<String, byte[]> c : classes.entrySet()) {
                out.writeUTF(c.getKey());
                out.writeInt(c.getValue().length);
                out.write(c.getValue());
            }
            ByteArrayOutputStream packages = new ByteArrayOutputStream(256 << 10);
            try (DroolsObjectOutputStream drools = new DroolsObjectOutputStream(packages)) {
                drools.writeObject(new ArrayList<>(base.getKiePackages()));
            }
            out.writeInt(packages.size());
            packages.writeTo(out);
        }
        return payload.toByteArray();
    }

    /** The bytecode a KieBase's class loader generated (its DRL's declared types), by class name; none when it is not a project class loader. */
    static Map<String, byte[]> generatedClasses(ClassLoader loader) {
        return loader instanceof ProjectClassLoader project && project.getStore() != null ? project.getStore() : Map.of();
    }

    /**
     * A new KieBase from an image, configured as every policy's ({@link PolicyBuilder#policyBase}): the
     * same arrangement KieContainer makes, a project class loader holding the generated classes under
     * the service's own class loader, and the packages added to a new KieBase.
     */
    @SuppressWarnings("unchecked")
    static InternalKnowledgeBase restore(byte[] image) throws IOException, ClassNotFoundException {
        DataInputStream payload = new DataInputStream(new ByteArrayInputStream(image));
        int classCount = payload.readInt();
        Map<String, byte[]> classes = new TreeMap<>();
        for (int i = 0; i < classCount; i++) {
            String name = payload.readUTF();
            classes.put(name, payload.readNBytes(payload.readInt()));
        }
        byte[] packages = payload.readNBytes(payload.readInt());
        ProjectClassLoader loader = ProjectClassLoader.createProjectClassLoader(RememberingClassLoader.APPLICATION, classes);
        Collection<KiePackage> pkgs;
        try (DroolsObjectInputStream drools = new DroolsObjectInputStream(new ByteArrayInputStream(packages), loader)) {
            pkgs = (Collection<KiePackage>) drools.readObject();
        }
        InternalKnowledgeBase base = KnowledgeBaseFactory.newKnowledgeBase(
                PolicyBuilder.policyBase(KieServices.get().newKieBaseConfiguration(null, loader)));
        base.addPackages(pkgs);
        return base;
    }
}
