package dev.voicemail.rules;

import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * One problem in a rule set, located for the rule author: file relative to the rules directory, 1-based line and column (0 when unknown).
 * {@code clients} ({@code agency/id}) are the clients an error concerns, when it concerns some: each
 * agency may see only its own ({@link #seenBy}); {@code policy} is then the policy they use, which the
 * new rules lack.
 */
@Schema(description = "A problem in a rule set: file, line and column (0 when unknown), and the message.")
public record RuleError(@Schema(required = true, nullable = true, examples = "policies/never.drl") String file,
                        @Schema(required = true, examples = "12") int line,
                        @Schema(required = true, examples = "5") int column,
                        @Schema(required = true) String message,
                        @Schema(hidden = true) @JsonIgnore List<String> clients,
                        @Schema(hidden = true) @JsonIgnore String policy) {

    private static final int MAX_CLIENTS_NAMED = 20;

    public RuleError(String file, int line, int column, String message) {
        this(file, line, column, message, List.of(), null);
    }

    /** A policy that clients use is missing from a new rule set. */
    static RuleError missingPolicy(String file, String policy, List<String> users) {
        return new RuleError(file, 0, 0, missingPolicyMessage(policy, users), List.copyOf(users), policy);
    }

    private static String missingPolicyMessage(String policy, List<String> users) {
        String named = users.stream().limit(MAX_CLIENTS_NAMED).collect(Collectors.joining(", "));
        if (users.size() > MAX_CLIENTS_NAMED) {
            named += " and " + (users.size() - MAX_CLIENTS_NAMED) + " more";
        }
        String whom = users.isEmpty() ? "clients of other agencies"
                : users.size() + (users.size() == 1 ? " client" : " clients") + " (" + named + ")";
        return "policy '" + policy + "' is used by " + whom + " but the new rules do not define it: restore the file,"
                + " or move those clients to another policy (or stop those experiments) first";
    }

    /** This error as a caller who may see only the clients {@code visible} admits is shown it. */
    public RuleError seenBy(Predicate<String> visible) {
        if (clients.isEmpty() || clients.stream().allMatch(visible)) {
            return this;
        }
        List<String> own = clients.stream().filter(visible).toList();
        return new RuleError(file, line, column, missingPolicyMessage(policy, own), own, policy);
    }

    @Override
    public String toString() {
        StringBuilder where = new StringBuilder(file == null ? "(rule set)" : file);
        if (line > 0) {
            where.append(':').append(line);
            if (column > 0) {
                where.append(':').append(column);
            }
        }
        return where + ": " + message;
    }
}
