package dev.voicemail.auth;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * A /v1 endpoint someone forgot to annotate, present in the test build only: it must be refused to
 * every key (quarkus.security.jaxrs.deny-unannotated-endpoints), not open.
 */
@Path("/v1/unannotated-probe")
@Produces(MediaType.APPLICATION_JSON)
public class UnannotatedProbeResource {

    @GET
    public String probe() {
        return "{\"reached\": true}";
    }
}
