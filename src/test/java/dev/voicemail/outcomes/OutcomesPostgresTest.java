package dev.voicemail.outcomes;

import dev.voicemail.testing.PostgresProfile;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

@QuarkusTest
@TestProfile(PostgresProfile.class)
class OutcomesPostgresTest extends OutcomesTests {
}
