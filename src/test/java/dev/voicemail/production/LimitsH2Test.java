package dev.voicemail.production;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class LimitsH2Test extends LimitsTests {
}
