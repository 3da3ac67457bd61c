package dev.voicemail.testing;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * Test-only endpoints under the author's path prefixes, so the role mapping of /v1/rules and
 * /v1/policies is proven whatever endpoints the rules feature adds there. (Each class has the
 * longest literal path, so it wins over any real resource under the same prefix.)
 */
public final class AuthorProbeResource {

    private AuthorProbeResource() {
    }

    @Path("/v1/rules/_probe")
    @Produces(MediaType.APPLICATION_JSON)
    public static class Rules {
        @GET
        public String get() {
            return "{\"ok\":true}";
        }
    }

    @Path("/v1/policies/_probe")
    @Produces(MediaType.APPLICATION_JSON)
    public static class Policies {
        @GET
        public String get() {
            return "{\"ok\":true}";
        }
    }
}
