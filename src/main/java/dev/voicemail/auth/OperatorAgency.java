package dev.voicemail.auth;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The agency that runs the service. Rules are shared by every agency, so only this agency's keys may
 * hold the {@code author} role and change them (reload, validate); only it sees every agency's
 * clients in what the rules endpoints report. The bootstrap key belongs to it.
 */
@ApplicationScoped
public class OperatorAgency {

    private final String name;

    public OperatorAgency(AuthConfig config) {
        String name = config.operatorAgency();
        if (!KeyResource.AGENCY.matcher(name).matches()) {
            throw new IllegalStateException("voicemail.auth.operator-agency must be 1 to 64 of [a-z0-9._-], not '" + name + "'");
        }
        this.name = name;
    }

    public String name() {
        return name;
    }

    /** Whether the caller belongs to the operator's agency. */
    public boolean includes(Caller caller) {
        return caller.agency().equals(name);
    }

    /** Whether the caller may change the shared rules: an author of the operator's agency. */
    public boolean mayChangeRules(Caller caller) {
        return includes(caller) && caller.roles().contains(Roles.AUTHOR);
    }
}
