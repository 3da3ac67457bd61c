package dev.voicemail.console;

import java.net.URI;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.security.identity.SecurityIdentity;

import dev.voicemail.auth.Caller;

/**
 * What every console page answers when the key is missing or lacks the role: a way to the sign-in
 * page, or a page that says why. (Each page class maps the security exceptions to these, so that the
 * API's own JSON answers stay as they are.)
 */
@ApplicationScoped
public class ConsolePages {

    private final Template problem;

    public ConsolePages(@Location("console/problem.html") Template problem) {
        this.problem = problem;
    }

    public Response signIn() {
        return Response.seeOther(URI.create(ConsolePaths.SIGN_IN)).build();
    }

    public Response forbidden(SecurityIdentity identity) {
        if (identity == null || identity.isAnonymous()) {
            return signIn();
        }
        // refused before the page ran, so before the CSRF filter gave it a token: no sign-out form here
        return Response.status(403).type(MediaType.TEXT_HTML_TYPE).entity(problem.data("me", ConsoleView.of(Caller.of(identity)))
                .data("page", "").data("title", "Not for this key").data("noToken", true)
                .data("why", "Your key's roles do not open this page. The menu shows the pages they do open.").render()).build();
    }

    public Response notFound(ConsoleView me, String why) {
        return page(404, me, "Not found", why);
    }

    public Response page(int status, ConsoleView me, String title, String why) {
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE)
                .entity(problem.data("me", me).data("page", "").data("title", title).data("why", why).render()).build();
    }
}
