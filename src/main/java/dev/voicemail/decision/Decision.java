package dev.voicemail.decision;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.kie.api.definition.rule.Rule;
import org.kie.api.runtime.rule.RuleContext;

/**
 * The answer the rules build up. It is the one mutable fact of a decision: rules decide through it
 * (inside {@code modify}, so that rules waiting on {@code Decision(undecided)} see the change), and
 * every call records the firing rule and its {@code @explanation} as a reason.
 */
public final class Decision {

    /** Metadata key a rule author uses for the human explanation of a rule. */
    public static final String EXPLANATION = "explanation";

    private Action action;
    private final List<Reason> reasons = new ArrayList<>(4);

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

    private void decide(Action chosen, RuleContext rule) {
        this.action = chosen;
        reasons.add(reasonOf(rule.getRule()));
    }

    static Reason reasonOf(Rule rule) {
        Object text = rule.getMetaData().get(EXPLANATION);
        return new Reason(rule.getName(), text == null ? null : text.toString());
    }
}
