package dev.voicemail.experiments;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class ExperimentApiH2Test extends ExperimentApiTests {
}
