package dev.voicemail.rules;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.drools.base.definitions.rule.impl.RuleImpl;
import org.jboss.logging.Logger;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;

/**
 * Runs {@link TrialDecisions} where a rule that never ends, or allocates without end, can be stopped:
 * on a thread of its own, watched against a time and an allocation budget. A run past either is
 * stopped and refused with an error naming the rule that was running, and the caller (the one reload
 * thread) goes on. Rule code cannot catch the stop: {@link RuleCodeConfinement} refuses catching an
 * Error, and finally blocks.
 *
 * <p>Why a thread and not a child JVM: a trial needs the compiled KieBase, which a child would have
 * to compile again (seconds of CPU on each reload on a 2-core machine); the thread costs about a
 * millisecond per run. Its limits: see docs/security.md ("DRL confinement and runaway rules").
 */
final class TrialBudget {

    private static final Logger LOG = Logger.getLogger(TrialBudget.class);
    private static final long POLL_NANOS = 5_000_000L;

    private final Duration time;
    private final long allocationBytes;

    TrialBudget(Duration time, long allocationBytes) {
        this.time = time;
        this.allocationBytes = allocationBytes;
    }

    static TrialBudget of(RulesConfig config) {
        return new TrialBudget(config.trialBudget(), config.trialAllocationMb() * 1024L * 1024L);
    }

    /** {@link TrialDecisions#run(RuleSet, RuleSet, int)} within the budget. */
    List<RuleError> run(RuleSet rules, RuleSet tried, int decisionsPerPolicy) {
        AtomicReference<List<RuleError>> result = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread trial = new Thread(() -> {
            try {
                result.set(TrialDecisions.run(rules, tried, decisionsPerPolicy));
            } catch (Throwable t) { // an OutOfMemoryError, or the stop below
                failure.set(t);
            }
        }, "rules-trial");
        trial.setDaemon(true);
        com.sun.management.ThreadMXBean threads = allocationCounter();
        trial.start();
        long started = System.nanoTime();
        // The budget is the trial thread's CPU time: on a busy machine (a cold start beside other
        // work) wall time stretches while a rule's own work does not. Wall time still ends a trial
        // that, without using the CPU, would outlast any reasonable wait.
        long wallDeadline = started + Math.max(time.toNanos() * 12, Duration.ofSeconds(60).toNanos());
        boolean cpuClock = threads != null && threads.isThreadCpuTimeSupported();
        if (cpuClock && !threads.isThreadCpuTimeEnabled()) {
            threads.setThreadCpuTimeEnabled(true);
        }
        long tried_ = rules.policies().values().stream().filter(p -> tried == null || tried.policy(p.name()) != p).count();
        long allowed = allocationBytes * Math.max(1, tried_); // per policy tried: each decides its own trial requests
        long allocatedBefore = -1;
        String overrun = null;
        try {
            while (trial.isAlive()) {
                trial.join(Math.max(1, POLL_NANOS / 1_000_000));
                if (!trial.isAlive()) {
                    break;
                }
                if (threads != null) {
                    long allocated = threads.getThreadAllocatedBytes(trial.getId());
                    if (allocatedBefore < 0) {
                        allocatedBefore = allocated;
                    } else if (allocated - allocatedBefore > allowed) {
                        overrun = "allocated more than " + (allowed >> 20) + " MB";
                    }
                }
                if (overrun == null && (cpuClock ? threads.getThreadCpuTime(trial.getId()) > time.toNanos()
                        : System.nanoTime() - started > time.toNanos())) {
                    overrun = "ran longer than " + time.toMillis() + " ms";
                }
                if (overrun == null && System.nanoTime() > wallDeadline) {
                    overrun = "did not end within " + Duration.ofNanos(wallDeadline - started).toSeconds() + " s";
                }
                if (overrun != null) {
                    return List.of(stop(trial, rules, overrun, IN_TRIAL));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop(trial, rules, "was interrupted", IN_TRIAL);
            return List.of(new RuleError(null, 0, 0, "the trial decisions were interrupted"));
        }
        Throwable t = failure.get();
        if (t instanceof OutOfMemoryError) {
            return List.of(named(rules, t.getStackTrace(), "ran out of memory", IN_TRIAL));
        }
        if (t != null) {
            return List.of(new RuleError(null, 0, 0, "the trial decisions failed: " + t));
        }
        return result.get();
    }

    /**
     * Runs other work on {@code rules} (the decision log's impact replays) on a thread of its own,
     * stopped past {@code budget} (time only: replaying many decisions allocates by design).
     *
     * @throws RulesCompileException naming the rule that was running when the budget ran out, or the failure
     */
    static <T> T runBounded(RuleSet rules, java.util.function.Supplier<T> work, Duration budget) throws RulesCompileException {
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread worker = new Thread(() -> {
            try {
                result.set(work.get());
            } catch (Throwable t) {
                failure.set(t);
            }
        }, "rules-bounded");
        worker.setDaemon(true);
        worker.start();
        try {
            worker.join(Math.max(1, budget.toMillis()));
            if (worker.isAlive()) {
                throw new RulesCompileException(List.of(stop(worker, rules, "ran longer than " + budget.toMillis() + " ms", IN_REPLAY)));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop(worker, rules, "was interrupted", IN_REPLAY);
            throw new RulesCompileException(List.of(new RuleError(null, 0, 0, "interrupted")));
        }
        Throwable t = failure.get();
        if (t instanceof OutOfMemoryError) {
            throw new RulesCompileException(List.of(named(rules, t.getStackTrace(), "ran out of memory", IN_REPLAY)));
        }
        if (t instanceof RuntimeException r) {
            throw r;
        }
        if (t != null) {
            throw new RulesCompileException(List.of(new RuleError(null, 0, 0, "the replay failed: " + t)));
        }
        return result.get();
    }

    @SuppressWarnings({"deprecation", "removal"})
    private static RuleError stop(Thread trial, RuleSet rules, String what, String where) {
        RuleError error = named(rules, trial.getStackTrace(), what, where);
        awaitOutsideClassLoading(trial);
        try {
            trial.stop(); // the only way to end code that never returns to a check; the rule set is thrown away
        } catch (UnsupportedOperationException e) {
            LOG.errorf("Cannot stop a runaway rule on this JVM (%s): it keeps a thread busy", e);
        }
        // an interrupted caller still waits for the stop to land: join would return at once, and the
        // thread, stopping a moment later, be reported as one that did not stop
        boolean interrupted = Thread.interrupted();
        try {
            trial.join(1000);
        } catch (InterruptedException e) {
            interrupted = true;
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        if (trial.isAlive()) {
            LOG.errorf("A runaway rule's thread did not stop: %s", error);
        }
        LOG.warnf("Stopped %s: %s", trial.getName(), error.message());
        return error;
    }

    /** Where a stopped rule ran, and what follows: a trial decision of rules to load or validate. */
    static final String IN_TRIAL = "in a trial decision, so the rules are refused";
    /** ... or a logged decision replayed under candidate rules (impact). */
    static final String IN_REPLAY = "in a replayed decision, so the replay stopped";

    /**
     * Waits (at most {@link #CLASS_LOADING_GRACE_MILLIS}) until the thread is not loading or initialising a
     * class. Stopped there, it would leave state shared with every other thread half changed: a class
     * whose static initialiser was cut short fails for good, and Quarkus's class loader keeps a jar
     * reference that was never released (measured on the packaged jar: every later validation waited
     * out its 60 s backstop, and a decision that needed a class hung). Loading a class takes
     * milliseconds, so a runaway rule is caught outside it at one of the frequent looks.
     */
    static boolean awaitOutsideClassLoading(Thread thread) {
        long until = System.nanoTime() + CLASS_LOADING_GRACE_MILLIS * 1_000_000L;
        while (thread.isAlive() && inClassLoading(thread.getStackTrace())) {
            if (System.nanoTime() > until) {
                LOG.warnf("Stopping %s while it loads a class: it stayed there for %d ms", thread.getName(), CLASS_LOADING_GRACE_MILLIS);
                return false;
            }
            java.util.concurrent.locks.LockSupport.parkNanos(200_000); // each look stops the thread briefly: not in a tight loop
        }
        return true;
    }

    static final long CLASS_LOADING_GRACE_MILLIS = 2_000;

    static boolean inClassLoading(StackTraceElement[] stack) {
        for (StackTraceElement frame : stack) {
            String c = frame.getClassName();
            String m = frame.getMethodName();
            if (m.equals("<clinit>") || m.equals("loadClass") || m.equals("defineClass") || m.equals("findClass")
                    || c.startsWith("io.quarkus.bootstrap.runner.") || c.startsWith("jdk.internal.loader.")
                    || c.startsWith("java.util.jar.") || c.startsWith("java.util.zip.")) {
                return true;
            }
        }
        return false;
    }

    /** The rule (or function) the stack was running, by the classes Drools generated for it. */
    static RuleError named(RuleSet rules, StackTraceElement[] stack, String what, String where) {
        Map<String, RuleImpl> byClass = new LinkedHashMap<>();
        Map<String, PolicyRules> policyOf = new LinkedHashMap<>();
        for (PolicyRules policy : rules.policies().values()) {
            for (KiePackage pkg : policy.kieBase().getKiePackages()) {
                for (Rule r : pkg.getRules()) {
                    RuleImpl rule = (RuleImpl) r;
                    if (rule.getConsequence() != null) {
                        String invoker = rule.getConsequence().getClass().getName();
                        int i = invoker.indexOf("DefaultConsequenceInvoker");
                        String ruleClass = i < 0 ? invoker : invoker.substring(0, i);
                        byClass.putIfAbsent(ruleClass, rule);
                        policyOf.putIfAbsent(ruleClass, policy);
                    }
                }
            }
        }
        List<String> generatedFrames = new ArrayList<>();
        for (StackTraceElement frame : stack) {
            for (Map.Entry<String, RuleImpl> e : byClass.entrySet()) {
                if (frame.getClassName().startsWith(e.getKey())) {
                    RuleImpl rule = e.getValue();
                    String file = RuleCodeConfinement.file(rule);
                    return new RuleError(file, 0, 0, "rule \"" + rule.getName() + "\" " + what + " " + where
                            + ": a rule must end quickly"
                            + (generatedFrames.isEmpty() ? "" : " (it was in " + String.join(", ", generatedFrames) + ")"));
                }
            }
            String c = frame.getClassName();
            if (!c.startsWith("java.") && !c.startsWith("jdk.") && !c.startsWith("org.drools.") && !c.startsWith("org.kie.")
                    && !c.startsWith("org.mvel2.") && !c.startsWith("dev.voicemail.") && !c.startsWith("sun.")) {
                generatedFrames.add(c + "." + frame.getMethodName()); // a function or a declared type
            }
        }
        return new RuleError(null, 0, 0, "a rule " + what + (generatedFrames.isEmpty() ? ""
                : " (in " + String.join(", ", generatedFrames) + ")") + " " + where + ": a rule must end quickly");
    }

    private static com.sun.management.ThreadMXBean allocationCounter() {
        if (ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean t
                && t.isThreadAllocatedMemorySupported()) {
            if (!t.isThreadAllocatedMemoryEnabled()) {
                t.setThreadAllocatedMemoryEnabled(true);
            }
            return t;
        }
        return null;
    }
}
