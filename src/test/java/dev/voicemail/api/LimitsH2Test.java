package dev.voicemail.api;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class LimitsH2Test extends LimitsTests {
}
