package dev.voicemail.clients;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class VersioningH2Test extends VersioningTests {
}
