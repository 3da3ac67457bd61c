package dev.voicemail.auth;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class SecurityH2Test extends SecurityTests {

    /** Proves which database this half of the suite really ran on. */
    @Test
    void runsOnTheEmbeddedH2Datasource() {
        given().get("/q/health").then().statusCode(200)
                .body("checks.find { it.name == 'Database connections health check' }.data.'<default>'", equalTo("UP"))
                .body("checks.find { it.name == 'Database connections health check' }.data", not(hasKey("postgresql")));
    }
}
