package dev.voicemail.decision;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.kie.api.definition.rule.Rule;
import org.kie.api.runtime.rule.RuleContext;

/**
 * The answer the rules build up. It is the one mutable fact of a decision: rules decide through it
 * (inside {@code modify}, so that rules waiting on {@code Decision(undecided)} see the change), and
 * every deciding call records the firing rule and its {@code @explanation} as a reason.
 *
 * <p>Besides the action it carries the guidance for the rep: the message to leave (its kind and
 * value proposition, chosen by the policy; its wording, by the common rules) and what comes next.
 */
public final class Decision {

    /** Metadata key a rule author uses for the human explanation of a rule. */
    public static final String EXPLANATION = "explanation";

    private Action action;
    private final List<Reason> reasons = new ArrayList<>(4);

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

    public boolean isUndecided() {
        return action == null;
    }

    public boolean isLeaving() {
        return action == Action.LEAVE_VOICEMAIL;
    }

    public List<Reason> getReasons() {
        return Collections.unmodifiableList(reasons);
    }

    public void leaveVoicemail(RuleContext rule) {
        decide(Action.LEAVE_VOICEMAIL, rule);
    }

    public void hangUp(RuleContext rule) {
        decide(Action.HANG_UP, rule);
    }

    /** Records a rule that shaped the answer without deciding it (guidance, notes). */
    public void note(RuleContext rule) {
        reasons.add(reasonOf(rule.getRule()));
    }

    /**
     * Chooses the message to leave. A reason, unless the same rule just decided (a rule may decide
     * and choose the message in one consequence).
     *
     * @param valueProposition 1-based index into the client's value propositions, or null
     */
    public void message(RuleContext rule, MessageKind kind, Integer valueProposition) {
        this.messageKind = kind;
        this.valueProposition = valueProposition;
        reason(rule);
    }

    /**
     * Says what comes after this call. A reason, unless the same rule just decided.
     *
     * @param notBefore when the next voicemail may be left, or null when no time holds it back
     * @param recycleAt when an exhausted sequence starts again, or null
     */
    public void next(RuleContext rule, Instant notBefore, Sequence sequence, Instant recycleAt) {
        this.notBefore = notBefore;
        this.sequence = sequence;
        this.recycleAt = recycleAt;
        reason(rule);
    }

    public MessageKind getMessageKind() {
        return messageKind;
    }

    public Integer getValueProposition() {
        return valueProposition;
    }

    public String getText() {
        return text;
    }

    /** The wording of the message; the common rules fill it from a template (no reason: wording decides nothing). */
    public void setText(String text) {
        this.text = text;
    }

    /** The touch the message refers to (the visit it announces, the email it points to), or null. */
    public Attempt getAbout() {
        return about;
    }

    /** Names the touch the message refers to, for its wording (no reason: it decides nothing). */
    public void setAbout(Attempt about) {
        this.about = about;
    }

    public int getMaxSeconds() {
        return maxSeconds;
    }

    public void setMaxSeconds(int maxSeconds) {
        this.maxSeconds = maxSeconds;
    }

    public Instant getNotBefore() {
        return notBefore;
    }

    public Sequence getSequence() {
        return sequence;
    }

    public Instant getRecycleAt() {
        return recycleAt;
    }

    private void decide(Action chosen, RuleContext rule) {
        this.action = chosen;
        reasons.add(reasonOf(rule.getRule()));
    }

    private void reason(RuleContext rule) {
        if (reasons.isEmpty() || !reasons.get(reasons.size() - 1).rule().equals(rule.getRule().getName())) {
            reasons.add(reasonOf(rule.getRule()));
        }
    }

    static Reason reasonOf(Rule rule) {
        Object text = rule.getMetaData().get(EXPLANATION);
        return new Reason(rule.getName(), text == null ? null : text.toString());
    }
}
