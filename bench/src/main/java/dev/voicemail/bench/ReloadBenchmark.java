package dev.voicemail.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import dev.voicemail.rules.RulesDirectory;
import dev.voicemail.rules.RuleSet;
import dev.voicemail.rules.RulesCompiler;
import dev.voicemail.rules.RulesLayout;
import dev.voicemail.rules.RulesRegistry;

/**
 * Reload time: read a rules directory, compile it and swap it into a {@link RulesRegistry}, for a
 * generated policy of {@code rules} rules (each with an {@code @explanation}) beside the real common
 * files. One reload per measurement (single shot): the cost an operator waits for.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(1)
public class ReloadBenchmark {

    @Param({"10", "100", "1000"})
    public int rules;

    Path dir;
    RulesRegistry registry;

    @Setup(Level.Trial)
    public void writeRules() throws IOException {
        Logging.asInService();
        dir = Files.createTempDirectory("bench-rules-");
        Path source = Path.of(System.getProperty("bench.rules.dir", "rules"));
        for (Map.Entry<String, String> f : RulesDirectory.read(source).entrySet()) {
            if (f.getKey().startsWith(RulesLayout.COMMON)) {
                write(f.getKey(), f.getValue());
            }
        }
        write(RulesLayout.POLICIES + "synthetic.drl", syntheticPolicy(rules));
        registry = new RulesRegistry(dir, new dev.voicemail.rules.RulesMetrics(new io.micrometer.core.instrument.simple.SimpleMeterRegistry()));
    }

    /** A policy of n distinct rules over calls, attempts and the day, as rule authors write them. */
    static String syntheticPolicy(int n) {
        StringBuilder b = new StringBuilder(n * 420 + 1024);
        b.append("""
                package policies.synthetic;

                import dev.voicemail.facts.Action;
                import dev.voicemail.facts.Attempt;
                import dev.voicemail.facts.Call;
                import dev.voicemail.facts.Channel;
                import dev.voicemail.facts.Decision;
                import dev.voicemail.facts.Outcome;

                declare SyntheticPolicy
                    @policy("A generated policy for the reload benchmark.")
                    threshold : int = 3 @doc("how many voicemails are enough")
                end

                """);
        String[] outcomes = {"NO_ANSWER", "VOICEMAIL_LEFT", "GATEKEEPER", "CONNECTED", "VOICEMAIL_SKIPPED"};
        for (int i = 0; i < n; i++) {
            String outcome = outcomes[i % outcomes.length];
            b.append("rule \"synthetic rule ").append(i).append(" on ").append(outcome.toLowerCase()).append("\"\n")
                    .append("    @explanation(\"Generated rule ").append(i).append(": enough ")
                    .append(outcome.toLowerCase()).append(" calls, so the rep decides this way.\")\n")
                    .append("    agenda-group \"policy\" activation-group \"decision\" salience ").append(i % 100).append('\n')
                    .append("when\n")
                    .append("    $decision : Decision()\n")
                    .append("    $p : SyntheticPolicy()\n")
                    .append("    Call( remainingAttemptsToday == ").append(i % 7).append(" )\n")
                    .append("    accumulate( Attempt( channel == Channel.CALL, outcome == Outcome.").append(outcome)
                    .append(" ); $n : count(); $n >= $p.threshold + ").append(i % 11).append(" )\n")
                    .append("then\n")
                    .append("    modify( $decision ) { setAction( Action.").append(i % 2 == 0 ? "HANG_UP" : "LEAVE_VOICEMAIL")
                    .append(" ) }\n")
                    .append("end\n\n");
        }
        return b.toString();
    }

    private void write(String relative, String text) throws IOException {
        Path file = dir.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    private int edits;

    /**
     * An edit before every reload, as a rule author makes one: the compiler reuses policies whose
     * sources did not change, so an unchanged file would measure a cache hit, not a compile.
     */
    @Setup(Level.Invocation)
    public void edit() throws IOException {
        write(RulesLayout.POLICIES + "synthetic.drl", syntheticPolicy(rules) + "// edit " + (++edits) + "\n");
    }

    @Benchmark
    public RuleSet compileAndSwap() throws Exception {
        RuleSet next = registry.compiler().compile(RulesDirectory.read(dir));
        registry.swap(next);
        return next;
    }

    @TearDown(Level.Trial)
    public void delete() throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
