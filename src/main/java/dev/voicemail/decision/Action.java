package dev.voicemail.decision;

/** What the rep does on reaching voicemail. */
public enum Action {
    LEAVE_VOICEMAIL, HANG_UP
}
