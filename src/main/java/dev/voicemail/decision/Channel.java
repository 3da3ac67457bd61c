package dev.voicemail.decision;

/** How a touch reached (or came from) the prospect. */
public enum Channel {
    CALL, EMAIL, TEXT, VISIT
}
