package dev.voicemail.auth;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code voicemail.auth.*} (docs/production.md, docs/security.md); each default is given here alone. */
@ConfigMapping(prefix = "voicemail.auth")
public interface AuthConfig {

    /** The first admin key (every role), for the operator's agency; from VOICEMAIL_AUTH_BOOTSTRAP_KEY. */
    Optional<String> bootstrapKey();

    /** The agency that runs the service: the only one whose keys may hold {@code author}. */
    @WithDefault("default")
    String operatorAgency();

    /**
     * How long a replica trusts its copy of a key before reading it again (a key revoked on another
     * replica stops working here within this time; on this one at once).
     */
    @WithDefault("10S")
    Duration cacheTtl();

    /** The most keys (and unknown key ids) a replica keeps copies of. */
    @WithDefault("100000")
    long cacheSize();
}
