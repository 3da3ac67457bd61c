package dev.voicemail.auth;

import java.util.Set;

/** The roles a key can carry; each endpoint names the roles it admits with {@code @RolesAllowed}. */
public final class Roles {

    /** Manages the agency's clients and keys. */
    public static final String ADMIN = "admin";
    /** The CRM: asks for decisions. */
    public static final String CRM = "crm";
    /** Reloads and validates the shared rules: only keys of the operator's agency ({@link OperatorAgency}). */
    public static final String AUTHOR = "author";

    public static final Set<String> ALL = Set.of(ADMIN, CRM, AUTHOR);

    private Roles() {
    }
}
