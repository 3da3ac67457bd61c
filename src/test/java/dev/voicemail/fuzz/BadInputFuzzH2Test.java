package dev.voicemail.fuzz;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class BadInputFuzzH2Test extends BadInputFuzzTests {
}
