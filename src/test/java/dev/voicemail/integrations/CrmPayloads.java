package dev.voicemail.integrations;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.voicemail.testing.Api;

import io.restassured.response.Response;

/** Real-shaped CRM payloads from src/test/resources/integrations/{crm}/, and answers compared as JSON. */
final class CrmPayloads {

    static final ObjectMapper JSON = new ObjectMapper();

    private CrmPayloads() {
    }

    /** A payload for a client: {@code $client} replaced. */
    static String load(String crm, String name, String client) {
        try (InputStream in = CrmPayloads.class.getResourceAsStream("/integrations/" + crm + "/" + name + ".json")) {
            if (in == null) {
                throw new IllegalArgumentException("no payload " + crm + "/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("$client", client);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An answer without the parts that differ between two equal decisions: its id in the log, and readAs. */
    static JsonNode decisionOf(String body) {
        try {
            ObjectNode node = (ObjectNode) JSON.readTree(body);
            node.remove("decisionId");
            node.remove("readAs");
            return node;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode tree(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Response decide(Api.Agency agency, String crm, String body) {
        return agency.asCrm().body(body).post("/v1/integrations/" + crm + "/decisions");
    }

    static Response nativeDecision(Api.Agency agency, String body) {
        return agency.asCrm().body(body).post("/v1/decisions");
    }

    /** The current mapping with one value added to a section (the body of a PUT). */
    static ObjectNode withValue(JsonNode mapping, String section, String value, JsonNode target) {
        ObjectNode body = JSON.createObjectNode();
        body.set("unknownValues", mapping.get("unknownValues"));
        ObjectNode values = mapping.get("values").deepCopy();
        ((ObjectNode) values.get(section)).set(value, target);
        body.set("values", values);
        return body;
    }
}
