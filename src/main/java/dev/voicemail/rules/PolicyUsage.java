package dev.voicemail.rules;

import java.util.List;
import java.util.Map;

/**
 * Which clients use which policy: a reload must not drop a policy a client still uses. Owned here
 * and implemented by the packages that know (the client registry; running experiments' arms), so
 * rules do not depend on the packages that depend on them.
 */
public interface PolicyUsage {

    /** Policy name to the clients using it, each as {@code agency/id}, optionally followed by how (" (experiment x, arm y)"). */
    Map<String, List<String>> clientsByPolicy();
}
