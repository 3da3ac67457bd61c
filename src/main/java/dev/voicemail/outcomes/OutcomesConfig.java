package dev.voicemail.outcomes;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code voicemail.outcomes.*} (docs/outcomes.md). */
@ConfigMapping(prefix = "voicemail.outcomes")
public interface OutcomesConfig {

    /** How long after a decision's call time an outcome is still that decision's. */
    @WithDefault("14d")
    Duration window();

    /** How far ahead of this replica's clock a reported outcome's time may be (clocks differ a little); further is refused. */
    @WithDefault("5m")
    Duration clockSkew();

    /** Logged decisions waiting for their outcomes to be derived; past it, derivation is skipped and counted. */
    @WithDefault("20000")
    int deriveQueueCapacity();
}
