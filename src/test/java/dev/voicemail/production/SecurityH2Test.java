package dev.voicemail.production;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class SecurityH2Test extends SecurityTests {
}
