package dev.voicemail.clients;

import dev.voicemail.testing.PostgresProfile;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

@QuarkusTest
@TestProfile(PostgresProfile.class)
class VersioningPostgresTest extends VersioningTests {
}
