package dev.voicemail.api;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.voicemail.testing.Api;
import dev.voicemail.testing.RawHttp;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

/** A URI that does not parse (bad %-escapes) is a JSON 400, with or without a key, on any path. */
@QuarkusTest
class MalformedUriTest {

    @Test
    void aBadPercentEscapeIsAJson400() throws Exception {
        for (String target : List.of("/v1/clients/%zz", "/v1/keys%", "/v1/%E0%A4%A", "/q/health%g0", "/%",
                "/v1/decisions?x=%zz", "/v1/clients/a%00b%", "/v1/clients/{x}")) {
            for (String auth : new String[] {null, Api.BOOTSTRAP_KEY}) {
                RawHttp.send("GET " + target + " HTTP/1.1\r\nHost: localhost\r\n"
                        + (auth == null ? "" : "Authorization: Bearer " + auth + "\r\n") + "Connection: close\r\n\r\n")
                        .assertJsonError(400, "invalid_uri");
            }
        }
        // a well-formed request on the same server still works
        RestAssured.given().get("/q/health").then().statusCode(200);
    }
}
