package dev.voicemail.rules;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.kie.api.KieBase;
import org.kie.api.KieBaseConfiguration;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.builder.ReleaseId;
import org.kie.api.conf.KieBaseMutabilityOption;

/**
 * Builds one policy's KieBase from DRL: its file compiled onto the common files compiled once
 * ({@link CommonRules}) when that is certain to give the same rules, else its file plus the common files
 * built whole, as a KieModule of their own, which reports every error with file and line.
 */
final class PolicyBuilder {

    /** Where the files sit in the KieModule built; {@link ErrorPositions} takes it off again. */
    static final String RESOURCES = "src/main/resources/";
    private static final AtomicLong BUILDS = new AtomicLong();

    private final KieServices kie = KieServices.Factory.get();
    private final CommonRules common = new CommonRules();

    /**
     * @throws RulesCompileException with the author's errors, placed by {@link ErrorPositions}
     */
    KieBase build(PolicySource source) throws RulesCompileException {
        KieBase onCommon = common.build(source);
        return onCommon != null ? onCommon : buildWhole(source);
    }

    /**
     * The policy's file and the common files built together.
     *
     * @throws RulesCompileException with the author's errors, placed by {@link ErrorPositions}
     */
    KieBase buildWhole(PolicySource source) throws RulesCompileException {
        KieFileSystem kfs = kie.newKieFileSystem();
        source.files().forEach((file, text) -> kfs.write(RESOURCES + file, text));
        ReleaseId releaseId = kie.newReleaseId("dev.voicemail", "rules", "1." + BUILDS.incrementAndGet());
        kfs.generateAndWritePomXML(releaseId);
        try {
            KieBuilder builder = kie.newKieBuilder(kfs, RememberingClassLoader.APPLICATION).buildAll();
            List<Message> messages = builder.getResults().getMessages(Message.Level.ERROR);
            if (!messages.isEmpty()) {
                throw new RulesCompileException(ErrorPositions.authorsErrors(messages, source.files()));
            }
            // the rule base's own class loader (MVEL resolves names through it at run time) asks ours first
            return kie.newKieContainer(releaseId, RememberingClassLoader.APPLICATION)
                    .newKieBase(policyBase(kie.newKieBaseConfiguration(null, RememberingClassLoader.APPLICATION)));
        } finally {
            kie.getRepository().removeKieModule(releaseId);
        }
    }

    /**
     * How every policy's KieBase is configured, compiled here or loaded from the cache. Never changed
     * once built (a reload builds new ones), so the sessions can keep their facts in a plain identity
     * store instead of the per-class one that a mutable KieBase needs: measured (alternating rounds,
     * thread CPU time) 14.7 -> 11.9 us per decision under `always`, 27 -> 24 under `cadence`, and a
     * quarter less allocated.
     */
    static KieBaseConfiguration policyBase(KieBaseConfiguration conf) {
        conf.setOption(KieBaseMutabilityOption.DISABLED);
        return conf;
    }
}
