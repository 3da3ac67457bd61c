package dev.voicemail.rules;

import dev.voicemail.decision.DecisionInput;

/** The trial decisions' synthetic calls as requests, for tests that decide them through the decision service. */
final class TrialInputs {

    private TrialInputs() {
    }

    static DecisionInput input(int i) {
        TrialDecisions.TrialCall call = TrialDecisions.call(i);
        return new DecisionInput("trial", call.prospectId(), call.zone(), call.callAt(), call.remainingAttemptsToday(),
                call.attempts().stream().map(a -> new DecisionInput.Touch(a.at(), a.channel(), a.outcome(),
                        a.direction(), a.decisionMaker())).toList());
    }
}
