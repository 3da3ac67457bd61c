package dev.voicemail.decisionlog;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import dev.voicemail.bench.Histories;
import dev.voicemail.decision.DecisionInput;
import dev.voicemail.facts.Rep;

/**
 * The decision log's form of a request: what the writer pays to make it from a decided input
 * ({@code text}) and what impact's replay pays to read it back ({@code fromText}), base64 included.
 * It uses only the two methods every form has had, so the same file measures an older commit's form.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class LoggedInputBenchmark {

    @Param({"20", "500"})
    public int attempts;

    DecisionInput input;
    String text;

    @Setup
    public void setUp() {
        input = new DecisionInput("acme", "p-1", Histories.ZONE, Histories.CALL_AT, 2,
                Histories.history(Histories.Kind.MIXED, attempts, 42), new Rep("Ann", null));
        text = LoggedInput.text(input);
        if (!LoggedInput.fromText(text).equals(input)) {
            throw new IllegalStateException("the logged form does not read back as the input");
        }
    }

    @Benchmark
    public String text() {
        return LoggedInput.text(input);
    }

    @Benchmark
    public DecisionInput fromText() {
        return LoggedInput.fromText(text);
    }
}
