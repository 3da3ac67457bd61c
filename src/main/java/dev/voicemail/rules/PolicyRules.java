package dev.voicemail.rules;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.runtime.KieSessionConfiguration;
import org.kie.api.runtime.StatelessKieSession;
import org.kie.api.runtime.conf.ThreadSafeOption;

import dev.voicemail.facts.Reason;

/**
 * One policy, compiled: its own rules plus the common ones, in a KieBase of their own so that no
 * rule of one policy can fire under another.
 */
public final class PolicyRules {

    /** Working memories made up front: the event loops' and the batch workers' share on 2 cores. */
    private static final int SESSIONS = 2;

    private final String name;
    private final String file;
    private final String description;
    private final KieBase kieBase;
    private final StatelessKieSession session;
    private final List<ParameterSet> parameterSets;
    private final List<ParameterFactMaker> makers = new ArrayList<>();
    /** For each parameter set, each of its specs' position among its maker's fields. */
    private final List<int[]> positions = new ArrayList<>();
    private final Map<String, ParameterSpec> parameters = new LinkedHashMap<>();

    PolicyRules(String name, String file, String description, KieBase kieBase, List<ParameterSet> parameterSets) {
        this.name = name;
        this.file = file;
        this.description = description;
        this.kieBase = kieBase;
        // Pooled: each execute borrows a reset working memory instead of building one. Measured
        // (alternating rounds, one JVM, thread CPU time): cadence at 20 attempts 33 -> 25 us and
        // 52 -> 35 KB allocated per decision. The pool grows to the number of threads deciding at once.
        // Not thread-safe sessions: a pooled working memory is used by one thread at a time (handed
        // over through the pool's concurrent queue) and nothing halts it from another thread, so
        // Drools' synchronised propagation list and agenda state machine are pure cost: 3-6% of a
        // decision's CPU time (bench/NOTES.md, "December 5, morning").
        KieSessionConfiguration conf = KieServices.get().newKieSessionConfiguration();
        conf.setOption(ThreadSafeOption.NO);
        this.session = kieBase.newKieSessionsPool(SESSIONS).newStatelessKieSession(conf);
        this.parameterSets = List.copyOf(parameterSets);
        parameterSets.forEach(set -> set.parameters().forEach(p -> parameters.put(p.name(), p)));
        for (ParameterSet set : this.parameterSets) {
            ParameterFactMaker maker = new ParameterFactMaker(set.type());
            int[] at = new int[set.parameters().size()];
            for (int s = 0; s < at.length; s++) {
                at[s] = -1;
                for (int f = 0; f < maker.size(); f++) {
                    if (maker.field(f).getName().equals(set.parameters().get(s).field().getName())) {
                        at[s] = f;
                    }
                }
                if (at[s] < 0) {
                    throw new IllegalStateException("parameter " + set.parameters().get(s).name() + " is no field of "
                            + set.type().getName());
                }
            }
            makers.add(maker);
            positions.add(at);
        }
    }

    public String name() {
        return name;
    }

    /** The policy's file, relative to the rules directory. */
    public String file() {
        return file;
    }

    public String description() {
        return description;
    }

    public KieBase kieBase() {
        return kieBase;
    }

    /** Thread-safe: each execute runs in a working memory of its own, borrowed from the pool and reset after. */
    public StatelessKieSession session() {
        return session;
    }

    /**
     * Runs the policy's phases on the facts of one decision (they include the {@code Decision} the
     * rules fill in). Thread-safe, like {@link #session()}.
     *
     * @return the rules that shaped the answer, with their explanations, in firing order
     */
    public List<Reason> decide(List<Object> facts) {
        return session.execute(new PhasedExecution(facts));
    }

    /** The declared parameter types: the policy's own and the common ones, each with its fields. */
    public List<ParameterSet> parameterSets() {
        return parameterSets;
    }

    /** Every parameter of the policy and of the common rules, by name. */
    public Map<String, ParameterSpec> parameters() {
        return parameters;
    }

    /** Problems with a client's parameters under this policy, by parameter name; empty when they fit. */
    public Map<String, String> check(Map<String, Object> values) {
        Map<String, String> problems = new LinkedHashMap<>();
        values.forEach((key, value) -> {
            ParameterSpec spec = parameters.get(key);
            if (spec == null) {
                problems.put(key, "is not a parameter of policy '" + name + "'" + dev.voicemail.api.Spelling.didYouMean(key, parameters.keySet())
                        + "; known: " + parameters.keySet());
                return;
            }
            try {
                spec.check(value);
            } catch (IllegalArgumentException e) {
                problems.put(key, e.getMessage());
            }
        });
        return problems;
    }

    /**
     * A stored value the rules can read. One they cannot (stored before a constraint existed, or by
     * hand) reaches them as none (null), and the rules fail safe on it; a whole number cannot be none.
     */
    private static Object readable(ParameterSpec spec, Object value) {
        try {
            return spec.convert(value);
        } catch (IllegalArgumentException e) {
            if (spec.nullable()) {
                return null;
            }
            throw e;
        }
    }

    /**
     * The parameter facts for a client: each declared parameter type, with the client's values over
     * the defaults. Values must have passed {@link #check(Map)}.
     */
    public List<Object> parameterFacts(Map<String, Object> values) {
        List<Object> facts = new ArrayList<>(parameterSets.size());
        for (int i = 0; i < parameterSets.size(); i++) {
            ParameterSet set = parameterSets.get(i);
            ParameterFactMaker maker = makers.get(i);
            int[] at = positions.get(i);
            Object[] given = new Object[maker.size()];
            boolean[] isGiven = new boolean[maker.size()];
            for (int s = 0; s < at.length; s++) {
                ParameterSpec spec = set.parameters().get(s);
                if (values.containsKey(spec.name())) {
                    given[at[s]] = readable(spec, values.get(spec.name()));
                    isGiven[at[s]] = true;
                }
            }
            facts.add(maker.make(given, isGiven));
        }
        return facts;
    }
}
