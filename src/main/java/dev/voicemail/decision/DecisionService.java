package dev.voicemail.decision;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import org.jboss.logging.Logger;

import dev.voicemail.api.ApiException;
import dev.voicemail.clients.Client;
import dev.voicemail.facts.Action;
import dev.voicemail.facts.Attempt;
import dev.voicemail.facts.Call;
import dev.voicemail.facts.ClientProfile;
import dev.voicemail.facts.Decision;
import dev.voicemail.facts.Prospect;
import dev.voicemail.facts.Reason;
import dev.voicemail.rules.PolicyRules;
import dev.voicemail.rules.RuleSet;
import dev.voicemail.rules.RulesRegistry;

/**
 * Turns a validated request into facts and lets the client's policy decide. Java only prepares
 * facts (local days in the prospect's zone, attempts oldest first); every choice is made in DRL.
 */
@ApplicationScoped
public class DecisionService {

    private static final Logger LOG = Logger.getLogger(DecisionService.class);

    private final RulesRegistry rules;
    private final DecisionMetrics metrics;
    private final DecisionRecorder recorder;
    private final ExperimentArms experiments;

    public DecisionService(RulesRegistry rules, DecisionMetrics metrics, Instance<DecisionRecorder> recorders,
                           Instance<ExperimentArms> experiments) {
        this.rules = rules;
        this.metrics = metrics;
        this.recorder = recorders.isResolvable() ? recorders.get() : DecisionRecorder.NONE;
        this.experiments = experiments.isResolvable() ? experiments.get() : ExperimentArms.NONE;
    }

    /**
     * Decides by the client's policy or, when the client runs an experiment, by the prospect's arm's
     * policy and parameters (the common rules, guards included, apply in every arm). Blocks only when
     * {@link #decidesFromMemory} is false.
     */
    public DecisionResponse decide(Client client, DecisionInput in) {
        long start = System.nanoTime();
        Optional<ExperimentArms.Arm> arm = experiments.armOf(client.agency(), client.id(), in.prospectId());
        Client deciding = arm.map(a -> client.decidingBy(a.policy(), a.parameters())).orElse(client);
        DecisionResponse answer = decide(rules.current(), deciding, in); // one read: the whole decision runs on this rule set
        if (arm.isPresent()) {
            answer = answer.withExperiment(new DecisionResponse.Experiment(arm.get().experimentId(), arm.get().name()));
        }
        metrics.record(client.agency(), client.id(), answer.policy(), answer.action(), System.nanoTime() - start);
        return answer.withDecisionId(recorder.record(client, in, answer));
    }

    /** True when the client's running experiment (or its absence) is in memory: deciding then reads no database. */
    public boolean decidesFromMemory(String agency, String clientId) {
        return experiments.known(agency, clientId);
    }

    /** True when recording a decision may wait for the database (strict mode): decide off the event loop then. */
    public boolean recordingBlocks() {
        return recorder.blocks();
    }

    /** Decides on a given rule set; also what scenario tests call, with no server around. */
    public static DecisionResponse decide(RuleSet ruleSet, Client client, DecisionInput in) {
        PolicyRules policy = ruleSet.policy(client.policy());
        if (policy == null) {
            throw new ApiException(409, "policy_unavailable", "client '" + client.id() + "' uses policy '" + client.policy()
                    + "', which the loaded rules do not define", "clientId");
        }
        ZoneId zone = in.prospectZone() != null ? in.prospectZone()
                : client.zone() != null ? client.zone() : ZoneOffset.UTC;

        Decision decision = new Decision();
        List<Object> facts = new ArrayList<>(in.attempts().size() + 8);
        facts.add(new ClientProfile(client.id(), client.name(), client.valuePropositions()));
        facts.add(new Prospect(in.prospectId(), zone));
        facts.add(in.rep());
        ZonedDateTime local = in.callAt().atZone(zone);
        facts.add(new Call(in.callAt(), local.toLocalDate(), local.toLocalTime(), in.remainingAttemptsToday()));
        facts.addAll(policy.parameterFacts(client.parameters()));
        LocalDays days = new LocalDays(zone);
        for (DecisionInput.Touch t : in.attempts()) {
            facts.add(new Attempt(t.at(), days.of(t.at()), t.channel(), t.outcome(), t.direction(),
                    t.decisionMaker()));
        }
        facts.add(decision);
        List<Reason> reasons = policy.decide(facts);

        Action action = decision.getAction();
        if (action == null) {
            // Only a rule set without the common fallback rule gets here; hanging up is the harmless choice.
            LOG.warnf("No rule of policy %s decided for client %s; answering HANG_UP", policy.name(), client.id());
            action = Action.HANG_UP;
            reasons = new ArrayList<>(reasons);
            reasons.add(new Reason("(no rule decided)", "No rule of the policy decided, so the call hangs up without a message."));
        }
        DecisionResponse.Message message = null;
        if (action == Action.LEAVE_VOICEMAIL && decision.getMessageKind() != null) {
            message = new DecisionResponse.Message(decision.getMessageKind(), decision.getValueProposition(),
                    decision.getText(), decision.getMaxSeconds());
        }
        DecisionResponse.Next next = new DecisionResponse.Next(local(decision.getNotBefore(), zone),
                decision.getSequence(), local(decision.getRecycleAt(), zone));
        return new DecisionResponse(null, action, client.id(), in.prospectId(), policy.name(), List.copyOf(reasons),
                ruleSet.version(), message, next);
    }

    private static OffsetDateTime local(Instant at, ZoneId zone) {
        return at == null ? null : at.atZone(zone).toOffsetDateTime();
    }
}
