package dev.voicemail.clients;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code voicemail.clients.*} (docs/production.md); each default is given here alone. */
@ConfigMapping(prefix = "voicemail.clients")
public interface ClientsConfig {

    /** How long a replica trusts its copy of a client before reading it again. */
    @WithDefault("2S")
    Duration cacheTtl();

    /** The most clients (and unknown client ids) a replica keeps copies of. */
    @WithDefault("100000")
    long cacheSize();
}
