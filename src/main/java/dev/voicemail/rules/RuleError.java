package dev.voicemail.rules;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One problem in a rule set, located for the rule author: file relative to the rules directory, 1-based line and column (0 when unknown). */
@Schema(description = "A problem in a rule set: file, line and column (0 when unknown), and the message.")
public record RuleError(@Schema(required = true, nullable = true, examples = "policies/never.drl") String file,
                        @Schema(required = true, examples = "12") int line,
                        @Schema(required = true, examples = "5") int column,
                        @Schema(required = true) String message) {

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
