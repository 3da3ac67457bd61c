package dev.voicemail.facts;

import java.util.Arrays;
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
    DONE(Channel.VISIT),
    /** The prospect asked not to be contacted again, on whichever channel they said it. */
    OPTED_OUT(Channel.values());

    private final Set<Channel> channels;

    Outcome(Channel... valid) {
        this.channels = EnumSet.noneOf(Channel.class);
        this.channels.addAll(Arrays.asList(valid));
    }

    public boolean validOn(Channel channel) {
        return channels.contains(channel);
    }
}
