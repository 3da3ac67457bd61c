package dev.voicemail;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/** What every black-box test starts from: a JSON request to the service under test. */
public final class Api {

    private Api() {
    }

    /** The operator key of the test profile (voicemail.auth.bootstrap-key): all roles, agency "default". */
    public static final String KEY = dev.voicemail.testing.Api.BOOTSTRAP_KEY;

    public static RequestSpecification api() {
        return given().contentType(ContentType.JSON).accept(ContentType.JSON);
    }

    /** RestAssured's given(), authenticated with the operator key (every /v1 call needs a key). */
    public static RequestSpecification given() {
        return io.restassured.RestAssured.given().header("Authorization", "Bearer " + KEY);
    }

    /** A JSON payload from src/test/resources/payloads. */
    public static String payload(String name) {
        try (InputStream in = Api.class.getResourceAsStream("/payloads/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no payload " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A client body for PUT /v1/clients/{id}. */
    public static String client(String policy, String timezone) {
        return """
                {"name": "Acme Scales", "policy": "%s", "timezone": %s, "parameters": {},
                 "valuePropositions": ["Calibration in one visit", "Certificates your auditor accepts"]}
                """.formatted(policy, timezone == null ? "null" : "\"" + timezone + "\"");
    }

    public static void putClient(String id, String policy, String timezone) {
        api().body(client(policy, timezone)).put("/v1/clients/" + id).then().statusCode(org.hamcrest.Matchers.oneOf(200, 201));
    }
}
