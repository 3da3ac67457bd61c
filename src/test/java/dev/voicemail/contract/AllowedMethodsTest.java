package dev.voicemail.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import dev.voicemail.testing.Api;
import dev.voicemail.testing.Endpoints;
import dev.voicemail.testing.Endpoints.Endpoint;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * {@code OPTIONS} and every method a path does not take are answered from what the OpenAPI document
 * says the path takes, on every documented path, with a key and without: {@code OPTIONS} a 204 whose
 * {@code Allow} lists exactly those methods, any other method a JSON 405 with the same {@code Allow}.
 * The framework's own answers listed another path's methods and answered some paths' {@code PATCH} 404.
 */
@QuarkusTest
class AllowedMethodsTest {

    private static final List<String> TRIED = List.of("GET", "POST", "PUT", "DELETE", "PATCH", "TRACE", "OPTIONS", "PROPFIND");

    @Test
    void everyDocumentedPathAnswersOptionsAndAMethodItDoesNotTakeWithItsMethods() throws Exception {
        List<Endpoint> served = Endpoints.served();
        Set<String> templates = new TreeSet<>();
        served.forEach(e -> templates.add(e.template()));
        List<String> problems = new ArrayList<>();
        int checked = 0;
        for (String template : templates) {
            String path = template.replaceAll("\\{[^}]+}", "0195f7a2-3c4d-7e8f-9a0b-1c2d3e4f5a6b"); // fits every parameter's pattern
            String allow = expectedAllow(served, path);
            for (boolean withKey : new boolean[] {false, true}) {
                for (String method : TRIED) {
                    if (allow.contains(method) && !method.equals("OPTIONS")) {
                        continue; // a method the path takes is the operation's own business (other tests)
                    }
                    RequestSpecification request = withKey ? Api.operator() : Api.given();
                    Response r = request.request(method, path);
                    String seen = method + " " + path + (withKey ? " (operator key)" : " (no key)") + " -> " + r.statusCode()
                            + " Allow: " + r.header("Allow") + " " + r.asString();
                    checked++;
                    if (method.equals("OPTIONS")) {
                        if (r.statusCode() != 204 || !allow.equals(r.header("Allow")) || !r.asString().isEmpty()) {
                            problems.add(seen + " (expected 204, Allow: " + allow + ")");
                        }
                    } else if (r.statusCode() != 405 || !allow.equals(r.header("Allow"))
                            || !"method_not_allowed".equals(r.jsonPath().getString("error"))) {
                        problems.add(seen + " (expected a JSON 405, Allow: " + allow + ")");
                    }
                }
            }
        }
        assertTrue(checked > 100, "checked only " + checked);
        assertEquals(List.of(), problems);
    }

    @Test
    void aPathNoResourceTakesIsStillA404WhateverTheMethod() {
        for (String method : List.of("OPTIONS", "PATCH", "TRACE", "GET")) {
            Api.given().request(method, "/v1/no-such-thing").then().statusCode(404);
        }
    }

    /**
     * The methods the document gives the most specific templates that match {@code path} (the most
     * characters outside parameters, as JAX-RS matches), with HEAD beside GET, and OPTIONS.
     */
    private static String expectedAllow(List<Endpoint> served, String path) {
        Set<String> methods = new TreeSet<>();
        int best = -1;
        for (Endpoint e : served) {
            String regex = Pattern.quote(e.template()).replaceAll("\\{[^}]+}", "\\\\E[^/]+\\\\Q");
            int literals = e.template().replaceAll("\\{[^}]+}", "").length();
            if (literals >= best && Pattern.matches(regex, path)) {
                if (literals > best) {
                    methods.clear();
                    best = literals;
                }
                methods.add(e.method());
            }
        }
        if (methods.contains("GET")) {
            methods.add("HEAD");
        }
        methods.add("OPTIONS");
        return String.join(", ", methods);
    }
}
