package dev.voicemail.console;

import java.net.URI;
import java.util.Optional;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.RestForm;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.ext.web.RoutingContext;

import dev.voicemail.auth.ApiKeys;
import dev.voicemail.auth.Caller;

/**
 * Signing in to the console with an API key, and out. The key is checked as a bearer key would be; on
 * success the browser gets only a random session id in an HttpOnly, SameSite=Strict cookie scoped to
 * /console (Secure when the request came over TLS).
 */
@Path("/console")
@PermitAll
@Produces(MediaType.TEXT_HTML)
public class SignInPage {

    /** An API key is shorter than this; a longer text is not checked at all. */
    private static final int MAX_KEY = 512;

    private final ApiKeys keys;
    private final ConsoleSessions sessions;
    private final Template signIn;
    private final SecurityIdentity identity;

    public SignInPage(ApiKeys keys, ConsoleSessions sessions, @Location("console/sign-in.html") Template signIn,
                      SecurityIdentity identity) {
        this.keys = keys;
        this.sessions = sessions;
        this.signIn = signIn;
        this.identity = identity;
    }

    /** The first page the key's roles open, or the sign-in page. */
    @GET
    public Response home() {
        if (identity.isAnonymous()) {
            return Response.seeOther(URI.create(ConsolePaths.SIGN_IN)).build();
        }
        ConsoleView me = ConsoleView.of(Caller.of(identity));
        return Response.seeOther(URI.create(me.nav().isEmpty() ? ConsolePaths.SIGN_IN : me.nav().get(0).path())).build();
    }

    @GET
    @Path("/sign-in")
    public Response form() {
        return page(200, null);
    }

    @POST
    @Path("/sign-in")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response signIn(@RestForm String key, RoutingContext context) {
        String token = key == null ? "" : key.strip();
        Optional<Caller> caller = token.isEmpty() || token.length() > MAX_KEY ? Optional.empty() : keys.verify(token);
        if (caller.isEmpty()) {
            return page(401, "That key is not valid: it is unknown, revoked or mistyped. Paste the whole key, vmk_ and all.");
        }
        String session = sessions.start(token);
        return Response.seeOther(URI.create(ConsolePaths.HOME))
                .cookie(cookie(session, (int) sessions.maxAge().toSeconds(), context))
                .build();
    }

    @POST
    @Path("/sign-out")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response signOut(@CookieParam(ConsoleSessions.COOKIE) String session, RoutingContext context) {
        sessions.end(session);
        return Response.seeOther(URI.create(ConsolePaths.SIGN_IN)).cookie(cookie("", 0, context)).build();
    }

    private Response page(int status, String error) {
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE)
                .entity(signIn.data("me", null).data("page", "sign-in").data("error", error).render()).build();
    }

    private static NewCookie cookie(String value, int maxAge, RoutingContext context) {
        return new NewCookie.Builder(ConsoleSessions.COOKIE).value(value).path(ConsolePaths.HOME).maxAge(maxAge)
                .httpOnly(true).secure("https".equals(context.request().scheme()))
                .sameSite(NewCookie.SameSite.STRICT).build();
    }
}
