package dev.voicemail.api;

import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.examples.Example;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

import io.quarkus.smallrye.openapi.OpenApiFilter;

/**
 * What every operation of the served OpenAPI document shares, which annotations would repeat on each
 * method: every {@code /v1} call needs the API key (401, 403), every answer can be refused by its
 * {@code Accept} (406), fail (500) or meet a database that does not answer (503, with Retry-After), every body can be malformed (400), too large (413) or of another
 * media type (415). Those answers are defined once under {@code components.responses}, with the error
 * schema and an example, and referenced. What is particular to an operation is annotated on it.
 * Also says what a batch's results are (a decision or an error each), which a {@code List<Object>} cannot.
 *
 * <p>It runs at build time, so the served document is made once, by the build: run at start-up, SmallRye
 * prepared the whole document then, a quarter of the main thread's samples in a JFR recording of one
 * start (bench/NOTES.md). Nothing here depends on run-time configuration.
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class OpenApiContract implements OASFilter {

    static final String API_KEY = "apiKey";
    private static final String ERROR = "#/components/schemas/ApiError";

    /** Status, name, description, an example body. */
    private record Standard(String status, String name, String description, String code, String message, String field) {
    }

    private static final List<Standard> EVERY_V1_CALL = List.of(
            new Standard("401", "Unauthorized", "No API key, a malformed Authorization header, or a wrong or revoked key.",
                    "unauthorized", "send a valid API key as 'Authorization: Bearer <key>'", null),
            new Standard("403", "Forbidden", "The key is valid, but its roles do not allow this call.",
                    "forbidden", "this key's roles do not allow this call", null),
            new Standard("406", "NotAcceptable", "The Accept header asks for a media type this endpoint does not answer with.",
                    "not_acceptable", "this endpoint answers application/json; send 'Accept: application/json' (or no Accept header)", null),
            new Standard("500", "InternalError", "The service failed; the error is logged. Retry later.",
                    "internal_error", "the service failed; the error is logged", null),
            new Standard("503", "DatabaseUnavailable", "The database did not answer within about 2 s; retry after the "
                    + "Retry-After seconds. Nothing is wrong with the request. A write answered 503 may be committed without"
                    + " being confirmed in the database file: sending the same request again does no harm.",
                    "database_unavailable", "the database is not answering in time; try again shortly", null));

    private static final List<Standard> EVERY_BODY = List.of(
            new Standard("400", "BadRequest", "The body is malformed JSON, lacks a required field, has an unknown field, "
                    + "a value of the wrong type or out of range; `field` names it.",
                    "unknown_field", "unknown field 'atempts'; did you mean 'attempts'?", "atempts"),
            new Standard("413", "PayloadTooLarge", "The body, or a part of it (a string, a list, the nesting), is past a limit.",
                    "limit_exceeded", "at most 1000 attempts per request", "attempts"),
            new Standard("415", "UnsupportedMediaType", "The body is not sent as application/json.",
                    "unsupported_media_type", "send the body as application/json ('Content-Type: application/json')", null));

    /** Every /v1 operation refuses a query parameter it does not take (UnknownQueryParameters). */
    private static final Standard UNKNOWN_PARAMETER = new Standard("400", "UnknownParameter",
            "A query parameter this operation does not take; `field` names it.",
            "unknown_parameter", "unknown parameter 'agncy'; did you mean 'agency'?", "agncy");

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        Components components = openAPI.getComponents();
        components.addResponse(UNKNOWN_PARAMETER.name(), response(UNKNOWN_PARAMETER));
        for (Standard s : EVERY_V1_CALL) {
            components.addResponse(s.name(), response(s));
        }
        for (Standard s : EVERY_BODY) {
            components.addResponse(s.name(), response(s));
        }
        components.getSchemas().values().forEach(OpenApiContract::stringEnums);
        // a List<Object> has no item type of its own: each result is a decision or an item's error
        Schema results = components.getSchemas().get("BatchResponse").getProperties().get("results");
        results.items(OASFactory.createSchema().oneOf(List.of(
                OASFactory.createSchema().ref("#/components/schemas/DecisionResponse"),
                OASFactory.createSchema().ref("#/components/schemas/BatchError"))));
        openAPI.getPaths().getPathItems().forEach((path, item) -> {
            if (!path.startsWith("/v1/") && !path.equals("/v1")) {
                return;
            }
            for (Map.Entry<PathItem.HttpMethod, Operation> op : item.getOperations().entrySet()) {
                Operation operation = op.getValue();
                if (operation.getSecurity() == null || operation.getSecurity().isEmpty()) {
                    operation.addSecurityRequirement(OASFactory.createSecurityRequirement().addScheme(API_KEY));
                }
                APIResponses responses = operation.getResponses();
                errorBodies(responses);
                for (Standard s : EVERY_V1_CALL) {
                    reference(responses, s);
                }
                if (operation.getRequestBody() != null) {
                    for (Standard s : EVERY_BODY) {
                        reference(responses, s);
                    }
                }
                reference(responses, UNKNOWN_PARAMETER); // where no 400 of its own says more
            }
        });
    }

    /**
     * A request field kept as a String in Java (so that a bad value gets a precise message) but documented
     * as an enum ({@code @Schema(implementation = Channel.class)}) comes out typed both string and object:
     * it is a string. A $ref needs no sibling type; the values of a list are its items'.
     */
    private static void stringEnums(Schema schema) {
        if (schema.getProperties() == null) {
            return;
        }
        for (Schema property : schema.getProperties().values()) {
            if (property.getItems() != null && property.getEnumeration() != null) {
                // @Schema(enumeration) on a List<String> means its items' values
                property.getItems().setEnumeration(property.getEnumeration());
                property.setEnumeration(null);
            }
            if (property.getRef() != null && property.getType() != null) {
                property.setType(null); // the referenced schema has the type; a sibling type only confuses generators
                continue;
            }
            if (property.getType() == null || !property.getType().contains(Schema.SchemaType.OBJECT)) {
                continue;
            }
            if (property.getRef() != null) {
                property.setType(null);
            } else if (property.getEnumeration() != null) {
                property.setType(List.of(Schema.SchemaType.STRING));
            }
        }
    }

    /** An error the framework documents by itself ("Bad Request", no body) gets the error schema like every other. */
    private static void errorBodies(APIResponses responses) {
        for (Map.Entry<String, APIResponse> r : Map.copyOf(responses.getAPIResponses()).entrySet()) {
            APIResponse response = r.getValue();
            if (r.getKey().compareTo("400") < 0 || response.getRef() != null || response.getContent() != null) {
                continue;
            }
            Standard standard = java.util.stream.Stream.concat(EVERY_V1_CALL.stream(), EVERY_BODY.stream())
                    .filter(s -> s.status().equals(r.getKey())).findFirst().orElse(null);
            if (standard != null) {
                responses.addAPIResponse(r.getKey(), OASFactory.createAPIResponse().ref("#/components/responses/" + standard.name()));
            } else {
                response.content(OASFactory.createContent().addMediaType("application/json",
                        OASFactory.createMediaType().schema(OASFactory.createSchema().ref(ERROR))));
            }
        }
    }

    private static void reference(APIResponses responses, Standard s) {
        if (!responses.hasAPIResponse(s.status())) {
            responses.addAPIResponse(s.status(), OASFactory.createAPIResponse().ref("#/components/responses/" + s.name()));
        }
    }

    private static APIResponse response(Standard s) {
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("error", s.code());
        body.put("message", s.message());
        if (s.field() != null) {
            body.put("field", s.field());
        }
        Example example = OASFactory.createExample().value(body);
        APIResponse response = OASFactory.createAPIResponse();
        if (s.status().equals("503")) {
            response.addHeader("Retry-After", OASFactory.createHeader().description("Seconds to wait before retrying.")
                    .schema(OASFactory.createSchema().addType(Schema.SchemaType.INTEGER)));
        }
        return response.description(s.description())
                .content(OASFactory.createContent().addMediaType("application/json", OASFactory.createMediaType()
                        .schema(OASFactory.createSchema().ref(ERROR))
                        .addExample(s.code(), example)));
    }
}
