package dev.voicemail.facts;

/** Whether the policy's sequence of touches goes on for this prospect. */
public enum Sequence {
    ACTIVE, EXHAUSTED
}
