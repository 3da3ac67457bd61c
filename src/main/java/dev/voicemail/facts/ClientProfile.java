package dev.voicemail.facts;

import java.util.List;

/**
 * The client as the rules see it: whose calls these are and what the voicemails may offer. Not the
 * stored client record (no agency, version or parameters: the parameters are facts of their own).
 *
 * @param valuePropositions the client's value propositions, best first; never null
 */
public record ClientProfile(String id, String name, List<String> valuePropositions) {

    public ClientProfile {
        valuePropositions = valuePropositions == null ? List.of() : List.copyOf(valuePropositions);
    }
}
