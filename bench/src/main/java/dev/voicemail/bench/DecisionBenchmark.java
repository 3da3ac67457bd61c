package dev.voicemail.bench;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import dev.voicemail.rules.RulesDirectory;
import dev.voicemail.clients.Client;
import dev.voicemail.decision.DecisionInput;
import dev.voicemail.decision.DecisionResponse;
import dev.voicemail.decision.DecisionService;
import dev.voicemail.rules.RuleSet;
import dev.voicemail.rules.RulesCompiler;

/**
 * In-process decisions per second: the real rules directory compiled by {@link RulesCompiler}, one
 * policy per run, decided by {@link DecisionService#decide(RuleSet, Client, DecisionInput)} from
 * validated facts to the response. No HTTP, no JSON, no database.
 *
 * <p>The policy list is not fixed here: bench/run.sh passes {@code -p policy=...} with every
 * {@code rules/policies/*.drl}; {@code -Dbench.rules.dir} points at another rules directory.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class DecisionBenchmark {

    /** Distinct histories per size, decided in turn, so that no single input is all the JIT sees. */
    static final int INPUTS = 64;

    @Param({"always"})
    public String policy;

    @Param({"5", "20", "50", "500"})
    public int attempts;

    /** The history's kind (Histories.Kind): mixed, cold or exhausted. */
    @Param({"mixed"})
    public String kind;

    RuleSet rules;
    Client client;
    DecisionInput[] inputs;

    @Setup(Level.Trial)
    public void compile() throws Exception {
        Logging.asInService();
        Path dir = Path.of(System.getProperty("bench.rules.dir", "rules"));
        rules = new RulesCompiler().compile(RulesDirectory.read(dir));
        if (rules.policy(policy) == null) {
            throw new IllegalArgumentException("no policy '" + policy + "' in " + dir.toAbsolutePath() + "; have "
                    + rules.policies().keySet());
        }
        Instant now = Instant.now();
        client = new Client("default", "bench-" + policy, "Bench Scales", policy, Histories.ZONE.getId(), Map.of(),
                List.of("Calibration in one visit", "Certificates your auditor accepts"), 1, now, now);
        inputs = new DecisionInput[INPUTS];
        for (int i = 0; i < INPUTS; i++) {
            inputs[i] = Histories.input(Histories.Kind.of(kind), client.id(), attempts, i + 1);
        }
    }

    @State(Scope.Thread)
    public static class Cursor {
        int next;
    }

    @Benchmark
    public DecisionResponse decide(Cursor cursor) {
        DecisionInput in = inputs[cursor.next++ & (INPUTS - 1)];
        return DecisionService.decide(rules, client, in);
    }
}
