package dev.voicemail.production;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class BadInputFuzzH2Test extends BadInputFuzzTests {
}
