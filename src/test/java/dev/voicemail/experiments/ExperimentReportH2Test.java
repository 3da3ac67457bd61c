package dev.voicemail.experiments;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class ExperimentReportH2Test extends ExperimentReportTests {
}
