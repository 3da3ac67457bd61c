package dev.voicemail.clients;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class AuditTrailH2Test extends AuditTrailTests {
}
