package dev.voicemail.deploy;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.File;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.quarkus.test.junit.QuarkusTest;

/** The checked-in Kubernetes manifest probes endpoints that this service really answers. */
@QuarkusTest
class KubernetesManifestTest {

    @Test
    void probesPointAtLiveHealthEndpoints() throws Exception {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        List<String> paths = new ArrayList<>();
        try (MappingIterator<JsonNode> docs = yaml.readerFor(JsonNode.class)
                .readValues(new File("deploy/kubernetes/voicemail-decisions.yaml"))) {
            for (JsonNode doc : docs.readAll()) {
                if (!"Deployment".equals(doc.path("kind").asText())) {
                    continue;
                }
                for (JsonNode container : doc.path("spec").path("template").path("spec").path("containers")) {
                    for (String probe : List.of("startupProbe", "readinessProbe", "livenessProbe")) {
                        paths.add(container.path(probe).path("httpGet").path("path").asText());
                    }
                }
            }
        }
        assertEquals(List.of("/q/health/started", "/q/health/ready", "/q/health/live"), paths);
        for (String path : paths) {
            given().get(path).then().statusCode(200);
        }
    }
}
