package dev.voicemail.facts;

/** What a voicemail is for; the policy chooses, the common rules word it. */
public enum MessageKind {
    /** Who calls, for which company, when, why, and the number to call back. */
    STANDARD,
    /** One value proposition of the client, the n-th of a sequence. */
    VALUE_PROPOSITION,
    /** "Look for my email": supports an email just sent. */
    EMAIL_REFERENCE,
    /** Announces a visit soon, or follows one that just took place. */
    VISIT_NOTICE,
    /** The last message of a sequence: no more calls, here is how to reach us. */
    BREAKUP
}
