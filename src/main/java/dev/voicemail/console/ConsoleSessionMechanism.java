package dev.voicemail.console;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.Cookie;
import io.vertx.ext.web.RoutingContext;

import dev.voicemail.auth.ApiKeyRequest;

/**
 * The console's session cookie, honoured below {@code /console} only: the /v1 API stays Bearer-only,
 * so no cookie a browser sends on its own can authorize an API call. The session's key goes through
 * the same identity provider as a bearer key, so the roles and agency are the API's own. A session
 * whose key no longer verifies is ended and the request goes on unauthenticated (the page then asks
 * to sign in).
 */
@ApplicationScoped
public class ConsoleSessionMechanism implements HttpAuthenticationMechanism {

    private final ConsoleSessions sessions;

    public ConsoleSessionMechanism(ConsoleSessions sessions) {
        this.sessions = sessions;
    }

    /** The path as routed (dot segments resolved), so that no spelling reaches /v1 with a cookie. */
    static boolean isConsole(RoutingContext context) {
        String path = context.normalizedPath();
        return path != null && (path.equals("/console") || path.startsWith("/console/"));
    }

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identities) {
        if (!isConsole(context)) {
            return Uni.createFrom().nullItem();
        }
        Cookie cookie = context.request().getCookie(ConsoleSessions.COOKIE);
        String sessionId = cookie == null ? null : cookie.getValue();
        return sessions.key(sessionId)
                .map(key -> identities.authenticate(new ApiKeyRequest(key))
                        .onFailure(AuthenticationFailedException.class).recoverWithUni(() -> {
                            sessions.end(sessionId);
                            return Uni.createFrom().nullItem();
                        }))
                .orElseGet(() -> Uni.createFrom().nullItem());
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return isConsole(context)
                ? Uni.createFrom().item(new ChallengeData(303, "Location", ConsolePaths.SIGN_IN))
                : Uni.createFrom().nullItem();
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(ApiKeyRequest.class);
    }
}
