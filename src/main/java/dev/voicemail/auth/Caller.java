package dev.voicemail.auth;

import java.util.Set;

import io.quarkus.security.identity.SecurityIdentity;

/**
 * Who is calling: the key's id (recorded in audit entries), its agency (the tenant whose clients it
 * sees) and roles. The operator is the bootstrap key: the only one that may manage other agencies' keys.
 */
public record Caller(String keyId, String agency, Set<String> roles, boolean operator) {

    static final String ATTRIBUTE = "voicemail.caller";

    /** The caller of an authenticated request. */
    public static Caller of(SecurityIdentity identity) {
        Caller caller = identity == null ? null : identity.getAttribute(ATTRIBUTE);
        if (caller == null) {
            // only reachable from an endpoint without @RolesAllowed, which deny-unannotated-endpoints refuses
            throw new io.quarkus.security.UnauthorizedException();
        }
        return caller;
    }
}
