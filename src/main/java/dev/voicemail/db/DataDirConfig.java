package dev.voicemail.db;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

import org.eclipse.microprofile.config.spi.ConfigSource;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;

/**
 * Publishes {@code voicemail.data.path}: {@code voicemail.data.dir} made absolute. H2 refuses a
 * file URL that is implicitly relative, and users rightly expect {@code data} to mean ./data.
 */
public class DataDirConfig implements ConfigSourceFactory {

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        ConfigValue dir = context.getValue("voicemail.data.dir");
        String value = dir == null || dir.getValue() == null ? "data" : dir.getValue();
        String absolute = Path.of(value).toAbsolutePath().normalize().toString().replace('\\', '/');
        return List.of(new PropertiesConfigSource(Map.of("voicemail.data.path", absolute), "voicemail-data-dir", 50));
    }

    @Override
    public OptionalInt getPriority() {
        return OptionalInt.of(50);
    }
}
