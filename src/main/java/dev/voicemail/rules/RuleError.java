package dev.voicemail.rules;

/** One problem in a rule set, located for the rule author: file relative to the rules directory, 1-based line and column (0 when unknown). */
public record RuleError(String file, int line, int column, String message) {

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
