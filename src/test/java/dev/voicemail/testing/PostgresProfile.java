package dev.voicemail.testing;

import java.util.List;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * Runs a test class against a real PostgreSQL server (see {@link EmbeddedPostgresResource}, which
 * can also freeze it). A subclass adds its own settings by overriding {@code getConfigOverrides}.
 */
public class PostgresProfile implements QuarkusTestProfile {

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(EmbeddedPostgresResource.class));
    }
}
