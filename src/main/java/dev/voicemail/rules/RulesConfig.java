package dev.voicemail.rules;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * {@code voicemail.rules.*} (docs/authoring.md): read by the service, and before it starts by the
 * rules preload ({@link RulesPreload}, through {@code startup.EarlyConfig}), with these defaults only.
 */
@ConfigMapping(prefix = "voicemail.rules")
public interface RulesConfig {

    /** The DRL directory, relative to the working directory. */
    @WithDefault("rules")
    Path dir();

    /**
     * Where compiled policies are kept across restarts; application.properties puts it under the data
     * directory. Empty: no such cache.
     */
    Optional<Path> cacheDir();

    /** Reload when a file below {@link #dir()} changes (off: reload with POST /v1/rules/reload). */
    @WithDefault("true")
    boolean watch();

    /** How long changes must settle before a reload: an editor's save or a checkout is many events. */
    @WithDefault("100ms")
    Duration debounce();

    /** Trial decisions per new or changed policy before it is swapped in: the first check it, the rest warm it up. */
    @WithDefault("300")
    int warmupDecisions();

    /** CPU time the trial decisions may take; past it they are stopped and the rules refused. */
    @WithDefault("5s")
    Duration trialBudget();

    /** Memory the trial decisions may allocate per policy tried; past it, the same. */
    @WithDefault("64")
    int trialAllocationMb();

    /** Load the rules while Quarkus boots (the packaged application's main only). */
    @WithDefault("true")
    boolean preload();
}
