package dev.voicemail.outcomes;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class OutcomesH2Test extends OutcomesTests {
}
