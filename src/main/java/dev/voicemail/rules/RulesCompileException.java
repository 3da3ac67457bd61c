package dev.voicemail.rules;

import java.util.List;
import java.util.stream.Collectors;

/** A rule set that cannot be loaded, with every error found. */
public class RulesCompileException extends Exception {

    private final transient List<RuleError> errors;

    public RulesCompileException(List<RuleError> errors) {
        super("The rule set does not compile:\n  "
                + errors.stream().map(RuleError::toString).collect(Collectors.joining("\n  ")));
        this.errors = List.copyOf(errors);
    }

    public List<RuleError> errors() {
        return errors;
    }
}
