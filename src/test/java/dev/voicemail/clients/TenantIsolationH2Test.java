package dev.voicemail.clients;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class TenantIsolationH2Test extends TenantIsolationTests {
}
