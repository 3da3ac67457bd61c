package dev.voicemail.auth;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;

import org.junit.jupiter.api.Test;

import dev.voicemail.testing.PostgresProfile;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

@QuarkusTest
@TestProfile(PostgresProfile.class)
class SecurityPostgresTest extends SecurityTests {

    /** Proves which database this half of the suite really ran on: PostgreSQL active, H2 not. */
    @Test
    void runsOnThePostgresqlDatasource() {
        given().get("/q/health").then().statusCode(200)
                .body("checks.find { it.name == 'Database connections health check' }.data.postgresql", equalTo("UP"))
                .body("checks.find { it.name == 'Database connections health check' }.data", not(hasKey("<default>")));
    }
}
