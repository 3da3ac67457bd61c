package dev.voicemail.console;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code voicemail.console.*} (docs/security.md, "The console"); each default is given here alone. */
@ConfigMapping(prefix = "voicemail.console")
public interface ConsoleConfig {

    /** A session unused this long ends; the person signs in again. */
    @WithDefault("30M")
    Duration sessionIdle();

    /** A session ends this long after sign-in, however busy. */
    @WithDefault("8H")
    Duration sessionMaxAge();

    /** The most sessions a replica keeps; past it the least recently used end first. */
    @WithDefault("10000")
    long maxSessions();
}
