package dev.voicemail.rules;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;

/** Rule reloads, failed reloads, and which rules version decides (an info gauge: 1, tagged with the version). */
@ApplicationScoped
public class RulesMetrics {

    private final Counter reloads;
    private final Counter failedReloads;
    private final MultiGauge loaded;

    public RulesMetrics(MeterRegistry registry) {
        reloads = Counter.builder("voicemail.rules.reloads").description("Rule sets loaded by a reload")
                .register(registry);
        failedReloads = Counter.builder("voicemail.rules.reloads.failed")
                .description("Reloads refused (compile errors, policies in use missing, failing trial decisions)")
                .register(registry);
        loaded = MultiGauge.builder("voicemail.rules.loaded").description("The rules version that decides (value 1)")
                .register(registry);
    }

    void loaded(RuleSet rules) {
        loaded.register(List.of(MultiGauge.Row.of(Tags.of("version", rules.version()), 1)), true);
    }

    void reloaded() {
        reloads.increment();
    }

    void reloadFailed() {
        failedReloads.increment();
    }
}
