package dev.voicemail.bench;

import java.nio.charset.StandardCharsets;
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

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.voicemail.rules.RulesDirectory;
import dev.voicemail.clients.Client;
import dev.voicemail.decision.DecisionInput;
import dev.voicemail.decision.DecisionRequest;
import dev.voicemail.decision.DecisionResponse;
import dev.voicemail.decision.DecisionService;
import dev.voicemail.decision.RequestReader;
import dev.voicemail.rules.RuleSet;
import dev.voicemail.rules.RulesCompiler;

/**
 * Where a request's time goes without HTTP: JSON bytes to {@link DecisionRequest} (all the echo
 * endpoint does besides writing), then validation ({@link RequestReader}), then the rules and the
 * response written as JSON. Each benchmark adds one stage to the previous one.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class RequestBenchmark {

    @Param({"always"})
    public String policy;

    @Param({"20"})
    public int attempts;

    /** The history's kind (Histories.Kind): mixed, cold or exhausted. */
    @Param({"mixed"})
    public String kind;

    byte[][] bodies;
    ObjectMapper json;
    RequestReader reader;
    RuleSet rules;
    Client client;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        Logging.asInService();
        rules = new RulesCompiler().compile(RulesDirectory.read(Path.of(System.getProperty("bench.rules.dir", "rules"))));
        Instant now = Instant.now();
        client = new Client("default", "bench-" + policy, "Bench Scales", policy, Histories.ZONE.getId(), Map.of(),
                List.of("Calibration in one visit"), 1, now, now);
        bodies = new byte[DecisionBenchmark.INPUTS][];
        for (int i = 0; i < bodies.length; i++) {
            bodies[i] = Histories.json(Histories.Kind.of(kind), client.id(), attempts, i + 1).getBytes(StandardCharsets.UTF_8);
        }
        // the service's reading settings, and dates as Quarkus writes them (an answer's next.notBefore)
        json = new ObjectMapper().registerModule(new com.fasterxml.jackson.datatype.jsr310.JavaTimeModule())
                .disable(com.fasterxml.jackson.databind.SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        new dev.voicemail.api.JsonSettings().customize(json);
        reader = new RequestReader(1000);
    }

    @State(Scope.Thread)
    public static class Cursor {
        int next;
    }

    @Benchmark
    public byte[] echo(Cursor c) throws Exception {
        return json.writeValueAsBytes(json.readValue(bodies[c.next++ & (bodies.length - 1)], DecisionRequest.class));
    }

    @Benchmark
    public DecisionInput bindAndRead(Cursor c) throws Exception {
        return reader.read(json.readValue(bodies[c.next++ & (bodies.length - 1)], DecisionRequest.class));
    }

    @Benchmark
    public byte[] bindReadDecideWrite(Cursor c) throws Exception {
        DecisionInput in = reader.read(json.readValue(bodies[c.next++ & (bodies.length - 1)], DecisionRequest.class));
        DecisionResponse answer = DecisionService.decide(rules, client, in);
        return json.writeValueAsBytes(answer);
    }
}
