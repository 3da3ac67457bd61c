package dev.voicemail.auth;

import java.util.Set;

/** The roles a key can carry; which paths each role opens is set in application.properties. */
public final class Roles {

    /** Manages the agency's clients and keys. */
    public static final String ADMIN = "admin";
    /** The CRM: asks for decisions. */
    public static final String CRM = "crm";
    /** Writes and checks rules (the rules and policies endpoints). */
    public static final String AUTHOR = "author";

    public static final Set<String> ALL = Set.of(ADMIN, CRM, AUTHOR);

    private Roles() {
    }
}
