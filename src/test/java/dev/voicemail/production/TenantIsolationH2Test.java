package dev.voicemail.production;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class TenantIsolationH2Test extends TenantIsolationTests {
}
