package dev.voicemail.facts;

/** What the rep does on reaching voicemail. */
public enum Action {
    LEAVE_VOICEMAIL, HANG_UP
}
