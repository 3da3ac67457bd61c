package dev.voicemail.facts;

/** How a touch reached (or came from) the prospect. */
public enum Channel {
    CALL, EMAIL, TEXT, VISIT
}
