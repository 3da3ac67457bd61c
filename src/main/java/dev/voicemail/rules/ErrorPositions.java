package dev.voicemail.rules;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.kie.api.builder.Message;

/**
 * Turns what the Drools builder reports into errors placed where the rule author made the mistake:
 * the file relative to the rules directory, the line and column, and only the first error of a
 * cascade (a file that does not parse, a misspelt field, make many more).
 */
final class ErrorPositions {

    private static final Pattern PARSE_ERROR = Pattern.compile("\\[ERR \\d+\\]");
    private static final Pattern RULE_HEADER = Pattern.compile("[ \\t]*rule[ \\t]+[\"']");
    private static final Pattern LINE_COLUMN = Pattern.compile("(?i)line (\\d+):(\\d+)");

    private ErrorPositions() {
    }

    /**
     * The author's errors among the builder's messages.
     *
     * @param texts the files built, by relative path
     */
    static List<RuleError> authorsErrors(List<Message> messages, Map<String, String> texts) {
        List<RuleError> errors = new ArrayList<>();
        for (Message m : messages) {
            errors.add(locate(m));
        }
        // A file that does not parse leaves its types undeclared, so other files (the untouched
        // common ones) then fail on them: only the parse errors are the author's. Drools tells a
        // parse error only by its text's "[ERR nnn]" code: its Message API carries no kind.
        if (errors.stream().anyMatch(ErrorPositions::isParseError)) {
            errors.removeIf(e -> !isParseError(e));
        }
        // An error without a line ("Parser returned a null Package", "Unable to Analyse Expression")
        // only repeats one with a line in the same file.
        errors.removeIf(e -> e.line() == 0
                && errors.stream().anyMatch(o -> o.line() > 0 && Objects.equals(o.file(), e.file())));
        return firstPerRule(errors, texts);
    }

    private static boolean isParseError(RuleError e) {
        return PARSE_ERROR.matcher(e.message()).lookingAt();
    }

    /** A builder path ({@code src/main/resources/policies/x.drl}) as relative to the rules directory. */
    static String relative(String path) {
        if (path == null) {
            return null;
        }
        return path.startsWith(PolicyBuilder.RESOURCES) ? path.substring(PolicyBuilder.RESOURCES.length()) : path;
    }

    private static RuleError locate(Message m) {
        int column = 0;
        Matcher lc = LINE_COLUMN.matcher(m.getText());
        if (lc.find() && Integer.parseInt(lc.group(1)) == m.getLine()) {
            column = Integer.parseInt(lc.group(2)) + 1; // the parser counts columns from 0
        }
        return new RuleError(relative(m.getPath()), Math.max(m.getLine(), 0), column, m.getText().strip());
    }

    /**
     * One error per rule: the first the builder reports is the author's mistake; the others in the
     * same rule follow from it (a misspelt field leaves its binding unknown to every later use).
     */
    static List<RuleError> firstPerRule(List<RuleError> found, Map<String, String> texts) {
        Set<String> seen = new LinkedHashSet<>();
        List<RuleError> kept = new ArrayList<>();
        for (RuleError e : found) {
            int rule = ruleStart(texts.get(e.file()), e.line());
            if (rule == 0 || seen.add(e.file() + ':' + rule)) {
                kept.add(e);
            }
        }
        return kept;
    }

    /** The line of the rule header at or above {@code line}; 0 when none (or the line is unknown). */
    private static int ruleStart(String drl, int line) {
        if (drl == null || line <= 0) {
            return 0;
        }
        String[] lines = drl.split("\n", -1);
        for (int i = Math.min(line, lines.length) - 1; i >= 0; i--) {
            if (RULE_HEADER.matcher(lines[i]).lookingAt()) {
                return i + 1;
            }
            if (i < line - 1 && lines[i].strip().equals("end")) {
                return 0; // between rules
            }
        }
        return 0;
    }

    /** The 1-based line of {@code rule "name"} in a DRL text; 0 when not found (or no text). */
    static int lineOf(String drl, String ruleName) {
        if (drl == null) {
            return 0;
        }
        Matcher m = Pattern.compile("(?m)^[ \\t]*rule[ \\t]+[\"']" + Pattern.quote(ruleName) + "[\"']").matcher(drl);
        return m.find() ? (int) drl.substring(0, m.start()).chars().filter(c -> c == '\n').count() + 1 : 0;
    }
}
