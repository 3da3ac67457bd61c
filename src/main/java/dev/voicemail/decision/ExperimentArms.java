package dev.voicemail.decision;

import java.util.Map;
import java.util.Optional;

/**
 * The one hook through which a running experiment changes a decision: the prospect's arm names the
 * policy and parameters to decide by. The experiments package implements it; this package does not
 * know experiments (as with {@link DecisionRecorder}).
 */
public interface ExperimentArms {

    /** No experiments: every decision uses the client's own policy. */
    ExperimentArms NONE = new ExperimentArms() {
        @Override
        public boolean known(String agency, String clientId) {
            return true;
        }

        @Override
        public Optional<Arm> armOf(String agency, String clientId, String prospectId) {
            return Optional.empty();
        }
    };

    /** True when memory can tell the client's running experiment (or that it has none). Never blocks. */
    boolean known(String agency, String clientId);

    /**
     * The arm of the client's running experiment that the prospect is in, or empty when the client runs
     * none. Blocks (reads the database) only when {@link #known} is false.
     */
    Optional<Arm> armOf(String agency, String clientId, String prospectId);

    /** An arm as a decision needs it: the policy and the parameters it decides by. */
    record Arm(String experimentId, String name, String policy, Map<String, Object> parameters) {
    }
}
