package dev.voicemail.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.drools.base.definitions.rule.impl.RuleImpl;
import org.kie.api.command.ExecutableCommand;
import org.kie.api.definition.rule.Rule;
import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.runtime.Context;
import org.kie.api.runtime.KieSession;
import org.kie.internal.command.RegistryContext;

import dev.voicemail.facts.Decision;
import dev.voicemail.facts.Reason;

/**
 * One decision on a borrowed (pooled) working memory: inserts the facts, runs the phases in order,
 * and records, as the answer's reasons, each rule that fired in a phase that shapes the answer.
 */
final class PhasedExecution extends DefaultAgendaEventListener implements ExecutableCommand<List<Reason>> {

    /** Metadata key a rule author uses for the human explanation of a rule. */
    static final String EXPLANATION = "explanation";
    /** {@code {$calls}} in an explanation: the value the rule bound to {@code $calls}. */
    static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\$[A-Za-z_][A-Za-z0-9_]*)\\}");

    private final List<Object> facts;
    private final List<Reason> reasons = new ArrayList<>(4);

    PhasedExecution(List<Object> facts) {
        this.facts = facts;
    }

    @Override
    public List<Reason> execute(Context context) {
        KieSession session = ((RegistryContext) context).lookup(KieSession.class);
        // A pooled session keeps an activation group's state across its resets (measured: after a few
        // reuses every rule of the group fired); clearing it first makes each decision start afresh.
        session.getAgenda().getActivationGroup(Phases.DECISION).clear();
        session.addEventListener(this);
        try {
            Decision decision = null;
            for (Object fact : facts) {
                session.insert(fact);
                if (fact instanceof Decision d) {
                    decision = d;
                }
            }
            // One phase at a time. Once a rule has decided, the phases that decide are over: an
            // activation group only cancels the activations that exist when its first rule fires,
            // not those a later phase creates from facts derived after it.
            for (String phase : Phases.ORDER) {
                if (decision != null && decision.getAction() != null && Phases.DECIDING.contains(phase)) {
                    continue;
                }
                session.getAgenda().getAgendaGroup(phase).setFocus();
                session.fireAllRules();
            }
        } finally {
            session.removeEventListener(this);
        }
        return reasons;
    }

    @Override
    public void afterMatchFired(AfterMatchFiredEvent event) {
        Rule rule = event.getMatch().getRule();
        if (Phases.REASONS.contains(phaseOf(rule))) {
            Reason reason = reasonOf(rule);
            if (reason.text() != null && reason.text().indexOf("{$") >= 0) {
                reason = new Reason(reason.rule(), fill(reason.text(), event.getMatch()));
            }
            reasons.add(reason);
        }
    }

    /** An explanation's {@code {$name}} placeholders, each replaced by the value the rule bound to {@code $name}. */
    private static String fill(String text, org.kie.api.runtime.rule.Match match) {
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder(text.length() + 16);
        while (m.find()) {
            Object value = match.getDeclarationValue(m.group(1));
            m.appendReplacement(out, Matcher.quoteReplacement(String.valueOf(value)));
        }
        m.appendTail(out);
        return out.toString();
    }

    static String phaseOf(Rule rule) {
        return rule instanceof RuleImpl impl ? impl.getAgendaGroup() : null;
    }

    static Reason reasonOf(Rule rule) {
        Object text = rule.getMetaData().get(EXPLANATION);
        return new Reason(rule.getName(), text == null ? null : text.toString());
    }
}
