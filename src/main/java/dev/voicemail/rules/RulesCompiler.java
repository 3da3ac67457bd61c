package dev.voicemail.rules;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.kie.api.KieBase;

/**
 * Compiles a rules directory's files into a {@link RuleSet}: sorts them ({@link RulesLayout}), and
 * gives each policy a KieBase of its own, taken from memory ({@link BuiltPolicies}), else from the
 * on-disk {@link CompiledRulesCache}, else built from DRL ({@link PolicyBuilder}). Whichever way it
 * came, a policy passes the same checks: its code confined ({@link RuleCodeConfinement}), its rules
 * explained and phased ({@link ExplanationChecks}), its parameters declared ({@link PolicyDeclarations}).
 */
public final class RulesCompiler {

    /**
     * Builds policies side by side: an edit of a common file rebuilds every policy, each build is
     * independent, and one build keeps one core busy (bench: six policies 2.6 s one after the other on
     * two cores). Threads end when idle, so a service that does not reload holds none.
     */
    private static final ExecutorService BUILDERS = builders(Runtime.getRuntime().availableProcessors());

    private final PolicyBuilder builder = new PolicyBuilder();
    /** Compiled policies on disk, surviving a restart; null for none. */
    private final CompiledRulesCache cache;
    private final BuiltPolicies built = new BuiltPolicies();
    private final AtomicLong compiled = new AtomicLong();
    private final AtomicLong loadedFromCache = new AtomicLong();

    /** A compiler that keeps what it compiled in memory only. */
    public RulesCompiler() {
        this(null);
    }

    /** A compiler that also keeps compiled policies in {@code cache} (null for none) and loads them from it. */
    public RulesCompiler(CompiledRulesCache cache) {
        this.cache = cache;
    }

    /** Policies compiled from DRL by this compiler so far. */
    public long compiledCount() {
        return compiled.get();
    }

    /** Policies loaded from the compiled-rules cache by this compiler so far. */
    public long loadedFromCacheCount() {
        return loadedFromCache.get();
    }

    /** Policies this compiler keeps built in memory, for the next compile to reuse. */
    public int keptCount() {
        return built.size();
    }

    /**
     * Compiles rule files given by relative path, to be loaded: the policies kept in memory for the
     * next compile become this set's (see {@link BuiltPolicies}).
     *
     * @throws RulesCompileException with every error found, each naming its file
     */
    public RuleSet compile(SortedMap<String, String> files) throws RulesCompileException {
        return compile(files, true);
    }

    /**
     * Compiles rule files that will not be loaded (a validation, an impact analysis): reuses what is
     * kept in memory and keeps nothing of its own, so a candidate never displaces the policies of
     * the set that decides.
     *
     * @throws RulesCompileException with every error found, each naming its file
     */
    public RuleSet compileCandidate(SortedMap<String, String> files) throws RulesCompileException {
        return compile(files, false);
    }

    private RuleSet compile(SortedMap<String, String> files, boolean keep) throws RulesCompileException {
        RulesLayout layout = RulesLayout.of(files);
        List<PolicySource> sources = layout.policies();
        List<CompletableFuture<Compiled>> builds = new ArrayList<>(sources.size());
        for (PolicySource source : sources) {
            builds.add(sources.size() == 1 ? CompletableFuture.completedFuture(compileAlone(source))
                    : CompletableFuture.supplyAsync(() -> compileAlone(source), BUILDERS));
        }
        Set<RuleError> found = new LinkedHashSet<>(); // an error in a common file shows once, not once per policy
        Map<String, PolicyRules> policies = new LinkedHashMap<>();
        Map<String, PolicyRules> byKey = new HashMap<>();
        for (int i = 0; i < sources.size(); i++) { // in the layout's order, whichever finished first
            Compiled result = joined(builds.get(i));
            found.addAll(result.errors());
            if (result.rules() != null) {
                policies.put(sources.get(i).name(), result.rules());
                byKey.put(sources.get(i).key(), result.rules());
            }
        }
        if (keep) { // what compiled, even beside errors: the fix of the error rebuilds only its policy
            built.keepOnly(byKey);
        }
        if (!found.isEmpty()) {
            throw new RulesCompileException(new ArrayList<>(found));
        }
        return new RuleSet(RulesDirectory.digest(files), Instant.now(), List.copyOf(files.keySet()), Map.copyOf(policies));
    }

    /** A policy compiled, or null with its errors. */
    private record Compiled(PolicyRules rules, Set<RuleError> errors) {
    }

    private Compiled compileAlone(PolicySource source) {
        Set<RuleError> errors = new LinkedHashSet<>();
        return new Compiled(compilePolicy(source, errors), errors);
    }

    private static Compiled joined(CompletableFuture<Compiled> build) {
        try {
            return build.join();
        } catch (CompletionException e) { // compilePolicy reports what it can as errors; this is an Error
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    private static ExecutorService builders(int threads) {
        AtomicInteger count = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 10, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "rules-compile-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    /** One policy, from wherever it is at hand; null when it has errors, which are added to {@code errors}. */
    private PolicyRules compilePolicy(PolicySource source, Set<RuleError> errors) {
        String key = source.key();
        PolicyRules cached = built.get(key);
        if (cached != null) {
            return cached;
        }
        PolicyRules rules = cache == null ? null : loadPolicy(source, key);
        if (rules == null) {
            rules = buildPolicy(source, key, errors);
        }
        return rules;
    }

    /**
     * The policy as compiled before, from the cache; null when it is not there or in any doubt. It
     * passes the checks a compiled policy passes, and the key covers every input, so an entry that
     * loads is the same policy the DRL would compile to.
     */
    private PolicyRules loadPolicy(PolicySource source, String key) {
        KieBase base = cache.load(key);
        if (base == null) {
            return null;
        }
        try {
            Set<RuleError> problems = new LinkedHashSet<>();
            PolicyRules rules = inspect(source, base, null, problems);
            if (rules == null || !problems.isEmpty()) {
                cache.discard(key, "it does not pass the checks of a compiled policy: " + problems);
                return null;
            }
            loadedFromCache.incrementAndGet();
            return rules;
        } catch (RuntimeException | LinkageError e) {
            cache.discard(key, e.toString());
            return null;
        }
    }

    private PolicyRules buildPolicy(PolicySource source, String key, Set<RuleError> errors) {
        try {
            KieBase base = builder.build(source);
            compiled.incrementAndGet();
            int before = errors.size();
            PolicyRules rules = inspect(source, base, source.files(), errors);
            if (errors.size() != before) {
                return null;
            }
            if (cache != null) {
                cache.store(key, base); // now, before any session of it runs
            }
            return rules;
        } catch (RulesCompileException e) {
            errors.addAll(e.errors());
            return null;
        } catch (RuntimeException e) {
            errors.add(new RuleError(source.path(), 0, 0, "cannot build policy '" + source.name() + "': " + e.getMessage()));
            return null;
        }
    }

    /**
     * The checks every compiled policy passes, however it was obtained; the policy described, or
     * null (problems are added to {@code errors} either way).
     *
     * @param texts the files it was built from by relative path, for the lines of problems; null when not at hand
     */
    private static PolicyRules inspect(PolicySource source, KieBase base, Map<String, String> texts, Set<RuleError> errors) {
        errors.addAll(RuleCodeConfinement.check(base, texts == null ? Map.of() : texts));
        ExplanationChecks.check(base, texts, errors);
        return PolicyDeclarations.read(source.name(), source.path(), base, errors);
    }
}
