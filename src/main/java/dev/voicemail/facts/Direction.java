package dev.voicemail.facts;

/** OUTBOUND: we reached out. INBOUND: the prospect called or wrote to us. */
public enum Direction {
    OUTBOUND, INBOUND
}
