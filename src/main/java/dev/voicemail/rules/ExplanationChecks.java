package dev.voicemail.rules;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.IntSupplier;
import java.util.regex.Matcher;

import org.drools.base.definitions.rule.impl.RuleImpl;
import org.kie.api.KieBase;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;

/**
 * Every rule must say why it fires ({@code @explanation}: that text is what a decision's reasons
 * show), belong to a phase, and fill its explanation's placeholders from its own bindings. Each
 * problem names the rule's file and line.
 */
final class ExplanationChecks {

    private ExplanationChecks() {
    }

    /**
     * Adds a problem to {@code errors} for each rule of {@code base} that breaks the rules above.
     *
     * @param texts the rule files by relative path, to find a rule's line; null when not at hand
     */
    static void check(KieBase base, Map<String, String> texts, Set<RuleError> errors) {
        // each file's rule lines, found once and only for a file with a problem: most reloads have none
        Map<String, Map<String, Integer>> lines = new HashMap<>();
        for (KiePackage pkg : base.getKiePackages()) {
            for (Rule rule : pkg.getRules()) {
                String file = null;
                if (rule instanceof RuleImpl impl && impl.getResource() != null) {
                    file = ErrorPositions.relative(impl.getResource().getSourcePath());
                }
                String inFile = file;
                IntSupplier line = () -> texts == null || inFile == null ? 0
                        : lines.computeIfAbsent(inFile, f -> ErrorPositions.ruleLines(texts.get(f))).getOrDefault(rule.getName(), 0);
                Object text = rule.getMetaData().get(PhasedExecution.EXPLANATION);
                if (text == null || text.toString().isBlank()) {
                    errors.add(new RuleError(file, line.getAsInt(), 0, "rule \"" + rule.getName()
                            + "\" has no @explanation(\"...\"): every rule must say, for a person, why it fires"));
                    continue;
                }
                String phase = PhasedExecution.phaseOf(rule);
                if (!Phases.ORDER.contains(phase)) {
                    errors.add(new RuleError(file, line.getAsInt(), 0, "rule \"" + rule.getName() + "\" is in no phase: give it"
                            + " agenda-group \"<phase>\", one of " + Phases.ORDER + " (a deciding rule also"
                            + " activation-group \"" + Phases.DECISION + "\")"));
                }
                Matcher placeholder = PhasedExecution.PLACEHOLDER.matcher(text.toString());
                while (placeholder.find()) {
                    if (rule instanceof RuleImpl impl && !impl.getDeclarations().containsKey(placeholder.group(1))) {
                        errors.add(new RuleError(file, line.getAsInt(), 0, "rule \"" + rule.getName() + "\": its @explanation"
                                + " names " + placeholder.group() + ", but the rule binds no " + placeholder.group(1)));
                    }
                }
            }
        }
    }
}
