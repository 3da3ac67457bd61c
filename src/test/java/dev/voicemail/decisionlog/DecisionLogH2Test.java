package dev.voicemail.decisionlog;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class DecisionLogH2Test extends DecisionLogTests {
}
