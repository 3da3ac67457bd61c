package dev.voicemail.integrations;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class MappingStoreH2Test extends MappingStoreTests {
}
