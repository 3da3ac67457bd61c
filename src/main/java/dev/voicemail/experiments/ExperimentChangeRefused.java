package dev.voicemail.experiments;

/** A change the experiment's state does not allow; the resource answers it (412 or 409, naming the field). */
final class ExperimentChangeRefused extends RuntimeException {

    enum Why {
        /** If-Match names a version the experiment is not at (or there is no experiment). */
        PRECONDITION,
        /** The change touches what a started experiment keeps (arms, split), or a state change it cannot make. */
        CONFLICT
    }

    private final Why why;
    private final String field;

    ExperimentChangeRefused(Why why, String field, String message) {
        super(message, null, false, false);
        this.why = why;
        this.field = field;
    }

    Why why() {
        return why;
    }

    String field() {
        return field;
    }
}
