package dev.voicemail.api;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * {@code voicemail.limits.*}: what is refused before it costs memory (docs/production.md, "Limits");
 * each default is given here alone.
 */
@ConfigMapping(prefix = "voicemail.limits")
public interface LimitsConfig {

    /** Attempts per decision request; more is a 413. */
    @WithDefault("1000")
    int maxAttempts();

    /** Requests per batch; more is a 413. */
    @WithDefault("10000")
    int maxBatch();

    /** The longest request line (method, URI, version); longer is a JSON 414. */
    @WithDefault("4K")
    MemorySize maxRequestLine();

    /** The largest request headers, all lines together; larger is a JSON 431. */
    @WithDefault("20K")
    MemorySize maxHeaders();
}
