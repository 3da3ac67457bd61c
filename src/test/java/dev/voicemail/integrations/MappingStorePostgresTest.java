package dev.voicemail.integrations;

import dev.voicemail.testing.PostgresProfile;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

@QuarkusTest
@TestProfile(PostgresProfile.class)
class MappingStorePostgresTest extends MappingStoreTests {
}
