package dev.voicemail.bench;

import static dev.voicemail.testing.Api.api;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** The benchmark's echo endpoint does not exist for callers of a normally configured service. */
@QuarkusTest
class EchoOffTest {

    @Test
    void echoIsNotFoundByDefault() {
        api().body("""
                {"clientId": "c", "prospect": {"id": "p"}}
                """)
                .post("/bench/echo")
                .then().statusCode(404)
                .body("error", equalTo("not_found"));
    }
}
