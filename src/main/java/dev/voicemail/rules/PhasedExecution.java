package dev.voicemail.rules;

import java.util.List;
import java.util.regex.Pattern;

import org.drools.base.definitions.rule.impl.RuleImpl;
import org.kie.api.command.ExecutableCommand;
import org.kie.api.definition.rule.Rule;
import org.kie.api.runtime.Context;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.rule.Agenda;
import org.kie.internal.command.RegistryContext;

import dev.voicemail.facts.Reason;

/**
 * One decision on a borrowed (pooled) working memory: inserts the facts and runs the phases in
 * order, in one pass of the engine; the working memory's {@link Firings} records the reasons and
 * ends the deciding phases once a rule has decided.
 */
final class PhasedExecution implements ExecutableCommand<List<Reason>> {

    /** Metadata key a rule author uses for the human explanation of a rule. */
    static final String EXPLANATION = "explanation";
    /** {@code {$calls}} in an explanation: the value the rule bound to {@code $calls}. */
    static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\$[A-Za-z_][A-Za-z0-9_]*)\\}");

    private final List<Object> facts;

    PhasedExecution(List<Object> facts) {
        this.facts = facts;
    }

    @Override
    public List<Reason> execute(Context context) {
        KieSession session = ((RegistryContext) context).lookup(KieSession.class);
        Agenda agenda = session.getAgenda();
        // A pooled session keeps an activation group's state across its resets (measured: after a few
        // reuses every rule of the group fired); clearing it first makes each decision start afresh.
        agenda.getActivationGroup(Phases.DECISION).clear();
        Firings firings = Firings.of(session);
        firings.start(agenda);
        for (Object fact : facts) {
            session.insert(fact);
        }
        // The focus stack holds every phase, the first on top: the engine runs each to its end, then
        // the next, in a single fireAllRules (one per phase cost more than the rules of small phases).
        for (int i = Phases.ORDER.size() - 1; i >= 0; i--) {
            agenda.getAgendaGroup(Phases.ORDER.get(i)).setFocus();
        }
        session.fireAllRules(firings);
        return firings.reasons();
    }

    static String phaseOf(Rule rule) {
        return rule instanceof RuleImpl impl ? impl.getAgendaGroup() : null;
    }

    static Reason reasonOf(Rule rule) {
        Object text = rule.getMetaData().get(EXPLANATION);
        return new Reason(rule.getName(), text == null ? null : text.toString());
    }
}
