package dev.voicemail.outcomes;

/** What followed a decision. */
public enum OutcomeKind {
    /** The prospect called back. */
    CALLBACK,
    /** A call connected. */
    CONNECT,
    /** The prospect replied or wrote (email, text). */
    REPLY,
    /** A meeting (visit) was booked or held. */
    MEETING,
    /** The prospect asked not to be contacted again. */
    OPTED_OUT
}
