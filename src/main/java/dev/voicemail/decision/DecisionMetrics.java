package dev.voicemail.decision;

import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Decisions by agency, client, policy and action (client ids are per agency: two agencies' clients
 * of one id are two series), and the time the rules take. Meters are looked up once
 * per combination: a registry lookup on every decision would cost more than the count itself.
 */
@ApplicationScoped
public class DecisionMetrics {

    private record Key(String agency, String client, String policy, Action action) {
    }

    private final MeterRegistry registry;
    private final ConcurrentHashMap<Key, Counter> counters = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Timer> timers = new ConcurrentHashMap<>();

    public DecisionMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void record(String agency, String client, String policy, Action action, long nanos) {
        counters.computeIfAbsent(new Key(agency, client, policy, action), k -> Counter.builder("voicemail.decisions")
                .description("Decisions made, by agency, client, policy and action")
                .tag("agency", k.agency() == null ? "" : k.agency()).tag("client", k.client()).tag("policy", k.policy()).tag("action", k.action().name())
                .register(registry)).increment();
        timers.computeIfAbsent(policy, p -> Timer.builder("voicemail.decision.duration")
                .description("Time to decide, rules included, from validated request to answer")
                .tag("policy", p)
                .publishPercentiles(0.5, 0.99, 0.999)
                .register(registry)).record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
    }
}
