package dev.voicemail.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.voicemail.testing.Api;

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
                String answer = raw("GET " + target + " HTTP/1.1\r\nHost: localhost\r\n"
                        + (auth == null ? "" : "Authorization: Bearer " + auth + "\r\n") + "Connection: close\r\n\r\n");
                String head = answer.substring(0, answer.indexOf("\r\n\r\n"));
                String body = answer.substring(answer.indexOf("\r\n\r\n") + 4);
                assertTrue(head.startsWith("HTTP/1.1 400"), target + " -> " + answer);
                assertTrue(head.toLowerCase().contains("content-type: application/json"), target + " -> " + answer);
                JsonNode error = new ObjectMapper().readTree(body);
                assertEquals("invalid_uri", error.path("error").asText(), target + " -> " + answer);
            }
        }
        // a well-formed request on the same server still works
        RestAssured.given().get("/q/health").then().statusCode(200);
    }

    private static String raw(String request) throws Exception {
        try (Socket socket = new Socket("localhost", RestAssured.port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            in.transferTo(answer);
            return answer.toString(StandardCharsets.UTF_8);
        }
    }
}
