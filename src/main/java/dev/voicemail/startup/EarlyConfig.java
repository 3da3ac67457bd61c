package dev.voicemail.startup;

import java.io.IOException;
import java.net.URL;
import java.time.Duration;

import dev.voicemail.db.DataDirConfig;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/**
 * The service's configuration as the packaged application's main sees it before Quarkus starts (to
 * secure the data directory and preload the rules meanwhile): system properties, environment
 * variables (MicroProfile's mapping), the shipped application.properties under the {@code prod}
 * profile, and {@code voicemail.data.path}; read through the same {@code @ConfigMapping} interfaces,
 * with their one set of defaults, as the running service. Quarkus's other sources (a working
 * directory's config/application.properties, .env) are not read here: what is read early is only
 * used when it matches what Quarkus then configures.
 */
public final class EarlyConfig {

    private EarlyConfig() {
    }

    /** The mapping {@code type}, read now; a bad value throws, as Quarkus will report it itself. */
    public static <T> T mapping(Class<T> type) {
        return builder().withMapping(type).build().getConfigMapping(type);
    }

    /** One value, with expressions expanded; null when unset. */
    public static String value(String name) {
        return builder().build().getConfigValue(name).getValue();
    }

    private static SmallRyeConfigBuilder builder() {
        SmallRyeConfigBuilder builder = new SmallRyeConfigBuilder()
                .withProfile("prod")
                .addDefaultInterceptors()
                .addSystemSources() // system properties (400) and environment variables (300)
                .withConverter(Duration.class, 200, new DurationConverter()) // Quarkus's form: 300ms, 5s
                .withSources(new DataDirConfig());
        URL shipped = EarlyConfig.class.getClassLoader().getResource("application.properties");
        if (shipped != null) {
            try {
                builder.withSources(new PropertiesConfigSource(shipped, 250)); // Quarkus's ordinal for it
            } catch (IOException e) {
                throw new IllegalStateException("cannot read the shipped application.properties", e);
            }
        }
        return builder;
    }
}
