package dev.voicemail.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;

import org.drools.base.definitions.rule.impl.RuleImpl;
import org.kie.api.definition.rule.Rule;
import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.AgendaEventListener;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.rule.Agenda;
import org.kie.api.runtime.rule.AgendaFilter;
import org.kie.api.runtime.rule.Match;

import dev.voicemail.facts.Reason;

/**
 * What happens in one working memory while a decision's phases run: records each rule that fires in
 * a phase that shapes the answer (the reasons), and, once a rule of the activation group
 * {@link Phases#DECISION} has fired, ends the deciding phases after its own.
 *
 * <p>Why the second job is needed: an activation group only cancels the activations that exist when
 * its first rule fires, not those a later phase creates from facts derived after it. Clearing the
 * later deciding phases spares their rules' evaluation; as a filter, it also refuses any of their
 * matches that could still come up.
 *
 * <p>One per pooled working memory, attached once (adding and removing a listener per decision cost
 * more than recording): a pooled working memory serves one decision at a time.
 */
final class Firings extends DefaultAgendaEventListener implements AgendaFilter {

    private static final int NONE = Integer.MAX_VALUE;

    private Agenda agenda;
    private List<Reason> reasons;
    /** Position in {@link Phases#ORDER} of the phase whose rule decided, or {@link #NONE}. */
    private int decidedIn;

    private Firings() {
    }

    /** The working memory's own, attached on its first decision. */
    static Firings of(KieSession session) {
        for (AgendaEventListener listener : session.getAgendaEventListeners()) {
            if (listener instanceof Firings firings) {
                return firings;
            }
        }
        Firings firings = new Firings();
        session.addEventListener(firings);
        return firings;
    }

    /** Starts recording a new decision. */
    void start(Agenda agenda) {
        this.agenda = agenda;
        this.reasons = new ArrayList<>(4);
        this.decidedIn = NONE;
    }

    /** The reasons recorded since {@link #start}, in firing order. */
    List<Reason> reasons() {
        List<Reason> recorded = reasons;
        reasons = null;
        agenda = null;
        return recorded;
    }

    @Override
    public boolean accept(Match match) {
        return decidedIn == NONE || !isLaterDecidingPhase(PhasedExecution.phaseOf(match.getRule()));
    }

    @Override
    public void afterMatchFired(AfterMatchFiredEvent event) {
        if (reasons == null) {
            return; // a decision run outside PhasedExecution (none in the service)
        }
        Match match = event.getMatch();
        Rule rule = match.getRule();
        String phase = PhasedExecution.phaseOf(rule);
        if (Phases.REASONS.contains(phase)) {
            Reason reason = PhasedExecution.reasonOf(rule);
            if (reason.text() != null && reason.text().indexOf("{$") >= 0) {
                reason = new Reason(reason.rule(), fill(reason.text(), match));
            }
            reasons.add(reason);
        }
        if (decidedIn == NONE && rule instanceof RuleImpl impl && Phases.DECISION.equals(impl.getActivationGroup())) {
            decidedIn = Phases.ORDER.indexOf(phase);
            for (String later : Phases.ORDER) {
                if (isLaterDecidingPhase(later)) {
                    agenda.getAgendaGroup(later).clear();
                }
            }
        }
    }

    private boolean isLaterDecidingPhase(String phase) {
        return Phases.DECIDING.contains(phase) && Phases.ORDER.indexOf(phase) > decidedIn;
    }

    /** An explanation's {@code {$name}} placeholders, each replaced by the value the rule bound to {@code $name}. */
    private static String fill(String text, Match match) {
        Matcher m = PhasedExecution.PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder(text.length() + 16);
        while (m.find()) {
            Object value = match.getDeclarationValue(m.group(1));
            m.appendReplacement(out, Matcher.quoteReplacement(String.valueOf(value)));
        }
        m.appendTail(out);
        return out.toString();
    }
}
