package dev.voicemail.rules;

import java.util.List;
import java.util.Map;

/**
 * Which clients use which policy: a reload must not drop a policy a client still uses. Owned here
 * and implemented by the client registry, so rules do not depend on the package that depends on them.
 */
public interface PolicyUsage {

    /** Policy name to the clients using it, each as {@code agency/id}. */
    Map<String, List<String>> clientsByPolicy();
}
