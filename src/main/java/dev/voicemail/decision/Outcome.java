package dev.voicemail.decision;

import java.util.EnumSet;
import java.util.Set;

/** What came of an attempt. Each outcome is valid on some channels only. */
public enum Outcome {
    NO_ANSWER(Channel.CALL),
    VOICEMAIL_LEFT(Channel.CALL),
    VOICEMAIL_SKIPPED(Channel.CALL),
    GATEKEEPER(Channel.CALL),
    CONNECTED(Channel.CALL),
    BAD_NUMBER(Channel.CALL),
    SENT(Channel.EMAIL, Channel.TEXT),
    REPLIED(Channel.EMAIL, Channel.TEXT),
    BOUNCED(Channel.EMAIL),
    PLANNED(Channel.VISIT),
    DONE(Channel.VISIT);

    private final Set<Channel> channels;

    Outcome(Channel first, Channel... rest) {
        this.channels = EnumSet.of(first, rest);
    }

    public boolean validOn(Channel channel) {
        return channels.contains(channel);
    }
}
