package dev.voicemail.production;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class AuditTrailH2Test extends AuditTrailTests {
}
