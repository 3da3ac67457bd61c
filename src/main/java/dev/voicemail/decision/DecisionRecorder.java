package dev.voicemail.decision;

import dev.voicemail.clients.Client;

/**
 * Told of every decision as it is made, single or batch item: the one hook through which the
 * decision log sees decisions (the log implements it; this package does not know the log).
 */
public interface DecisionRecorder {

    /** No log: answers carry no id. */
    DecisionRecorder NONE = new DecisionRecorder() {
        @Override
        public String record(Client client, DecisionInput in, DecisionResponse answer) {
            return null;
        }

        @Override
        public boolean blocks() {
            return false;
        }
    };

    /**
     * Records a decision and names it. Must not slow the request unless {@link #blocks()}; may then
     * throw {@link dev.voicemail.db.DatabaseUnavailableException} (answered 503) when it cannot record.
     *
     * @return the decision's id, for the answer
     */
    String record(Client client, DecisionInput in, DecisionResponse answer);

    /** True when {@link #record} waits for the database (strict mode), so it must not run on the event loop. */
    boolean blocks();
}
