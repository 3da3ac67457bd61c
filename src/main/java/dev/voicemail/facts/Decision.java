package dev.voicemail.facts;

import java.time.Instant;

/**
 * The answer the rules build up: the one mutable fact of a decision. Rules change it inside
 * {@code modify} through its setters only: the engine then knows which properties changed and
 * wakes only the patterns that read them (a rule matching {@code Decision()} is not woken by its own
 * change). Which rules shaped it, and why, is recorded by the rule engine as rules fire, not here.
 *
 * <p>Besides the action it carries the guidance for the rep: the message to leave (its kind and
 * value proposition, chosen by the policy; its wording, by the common rules) and what comes next.
 */
public final class Decision {

    private Action action;

    private MessageKind messageKind;
    private Integer valueProposition;
    private String text;
    private int maxSeconds;
    private Attempt about;

    private Instant notBefore;
    private Sequence sequence = Sequence.ACTIVE;
    private Instant recycleAt;

    public Action getAction() {
        return action;
    }

    public void setAction(Action action) {
        this.action = action;
    }

    public MessageKind getMessageKind() {
        return messageKind;
    }

    /** The message to leave, chosen by the policy (or the common rules, when it chooses none). */
    public void setMessageKind(MessageKind messageKind) {
        this.messageKind = messageKind;
    }

    /** 1-based index into the client's value propositions, or null. */
    public Integer getValueProposition() {
        return valueProposition;
    }

    public void setValueProposition(Integer valueProposition) {
        this.valueProposition = valueProposition;
    }

    public String getText() {
        return text;
    }

    /** The wording of the message, from a template of the common rules. */
    public void setText(String text) {
        this.text = text;
    }

    /** The touch the message refers to (the visit it announces, the email it points to), or null. */
    public Attempt getAbout() {
        return about;
    }

    public void setAbout(Attempt about) {
        this.about = about;
    }

    public int getMaxSeconds() {
        return maxSeconds;
    }

    public void setMaxSeconds(int maxSeconds) {
        this.maxSeconds = maxSeconds;
    }

    /** When the next voicemail may be left, or null when no time holds it back. */
    public Instant getNotBefore() {
        return notBefore;
    }

    public void setNotBefore(Instant notBefore) {
        this.notBefore = notBefore;
    }

    public Sequence getSequence() {
        return sequence;
    }

    public void setSequence(Sequence sequence) {
        this.sequence = sequence;
    }

    /** When an exhausted sequence starts again, or null. */
    public Instant getRecycleAt() {
        return recycleAt;
    }

    public void setRecycleAt(Instant recycleAt) {
        this.recycleAt = recycleAt;
    }
}
