package dev.voicemail.rules;

import java.util.ArrayList;
import java.util.HashMap;
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
    /** How a rule's header starts a line: {@code rule "} or {@code rule '}. */
    private static final String HEADER = "[ \\t]*rule[ \\t]+";
    private static final Pattern RULE_HEADER = Pattern.compile(HEADER + "[\"']");
    /** A rule header and its name, up to the quote that opened it, at the start of any line. */
    private static final Pattern RULE_NAME = Pattern.compile("(?m)^" + HEADER + "([\"'])(.*?)\\1");
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
        Map<String, String[]> lines = new HashMap<>(); // each file split once, however many errors it has
        for (RuleError e : found) {
            String drl = e.file() == null ? null : texts.get(e.file());
            int rule = drl == null ? 0 : ruleStart(lines.computeIfAbsent(e.file(), f -> drl.split("\n", -1)), e.line());
            if (rule == 0 || seen.add(e.file() + ':' + rule)) {
                kept.add(e);
            }
        }
        return kept;
    }

    /** The line of the rule header at or above {@code line}; 0 when none (or the line is unknown). */
    private static int ruleStart(String[] lines, int line) {
        if (line <= 0) {
            return 0;
        }
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

    /**
     * The 1-based line of each rule header ({@code rule "name"} or {@code rule 'name'}) in a DRL
     * text, by rule name, the first where a name repeats; empty for no text. One pass over the text:
     * looking each rule up with its own search over the whole file made a reload of a 1,000-rule
     * policy spend 40% of its time here (bench/NOTES.md, "December 5, morning").
     */
    static Map<String, Integer> ruleLines(String drl) {
        Map<String, Integer> lines = new HashMap<>();
        if (drl == null) {
            return lines;
        }
        Matcher header = RULE_NAME.matcher(drl);
        int line = 1;
        int counted = 0;
        while (header.find()) {
            for (int i = counted; i < header.start(); i++) {
                if (drl.charAt(i) == '\n') {
                    line++;
                }
            }
            counted = header.start();
            lines.putIfAbsent(header.group(2), line);
        }
        return lines;
    }
}
