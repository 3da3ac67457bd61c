package dev.voicemail.contract;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the shell of the docs' examples as bash would, for the little it uses: quoting, line
 * continuations, comments, variables, {@code curl} with its usual options, and {@code NAME=$(curl ... | jq -r .field)}.
 * Anything else is refused, so that an example the test cannot run is noticed.
 */
final class Shell {

    record Curl(String method, String url, List<String> headers, String data) {
        @Override
        public String toString() {
            return "curl " + (method == null ? "" : "-X " + method + " ") + url;
        }
    }

    /** An assignment ({@code variable = value}), a curl, or a curl whose answer a {@code jq} filter assigns. */
    record Command(String variable, String value, Curl curl, String jq, int commentStatus) {
    }

    private record Word(String text, boolean substitution) {
    }

    private Shell() {
    }

    /**
     * The commands of a block, as text, split where bash would end them (a newline or ';' outside quotes
     * and $(...)), so that each is read with the variables the commands before it set.
     */
    static List<String> split(String text) {
        List<String> commands = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        char quote = 0;
        int depth = 0;
        boolean comment = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (comment) {
                if (c != '\n') {
                    current.append(c);
                    continue;
                }
                comment = false;
            }
            if (quote == 0 && depth == 0 && c == '\\' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                current.append(c).append('\n');
                i++;
                continue;
            }
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else if (quote == '"' && c == '\\' && i + 1 < text.length()) {
                    current.append(c);
                    c = text.charAt(++i);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '$' && i + 1 < text.length() && text.charAt(i + 1) == '(') {
                depth++;
                current.append(c).append('(');
                i++;
                continue;
            } else if (c == ')' && depth > 0) {
                depth--;
            } else if (c == '#' && depth == 0 && (current.isEmpty() || Character.isWhitespace(current.charAt(current.length() - 1)))) {
                comment = true;
            } else if ((c == '\n' || c == ';') && depth == 0) {
                if (!current.toString().isBlank()) {
                    commands.add(current.toString());
                }
                current.setLength(0);
                continue;
            }
            current.append(c);
        }
        if (!current.toString().isBlank()) {
            commands.add(current.toString());
        }
        return commands;
    }

    static List<Command> parse(String text, Map<String, String> vars) {
        List<Command> commands = new ArrayList<>();
        List<Word> words = new ArrayList<>();
        StringBuilder word = null;
        String comment = null;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                i += 2;
                continue;
            }
            if (c == '\n' || c == ';') {
                if (word != null) {
                    words.add(new Word(word.toString(), false));
                    word = null;
                }
                if (!words.isEmpty()) {
                    commands.add(command(words, comment, vars));
                }
                words = new ArrayList<>();
                comment = null;
                i++;
                continue;
            }
            if (Character.isWhitespace(c)) {
                if (word != null) {
                    words.add(new Word(word.toString(), false));
                    word = null;
                }
                i++;
                continue;
            }
            if (c == '#' && word == null) {
                int end = text.indexOf('\n', i);
                end = end < 0 ? text.length() : end;
                comment = text.substring(i + 1, end);
                i = end;
                continue;
            }
            if (word == null) {
                word = new StringBuilder();
            }
            if (c == '\'') {
                int end = text.indexOf('\'', i + 1);
                word.append(text, i + 1, end);
                i = end + 1;
            } else if (c == '"') {
                int j = i + 1;
                StringBuilder quoted = new StringBuilder();
                while (text.charAt(j) != '"') {
                    if (text.charAt(j) == '\\' && "\"\\$`".indexOf(text.charAt(j + 1)) >= 0) {
                        quoted.append(text.charAt(j + 1));
                        j += 2;
                    } else {
                        quoted.append(text.charAt(j++));
                    }
                }
                word.append(expand(quoted.toString(), vars));
                i = j + 1;
            } else if (c == '$' && i + 1 < text.length() && text.charAt(i + 1) == '(') {
                int depth = 0;
                int j = i + 1;
                do {
                    char d = text.charAt(j);
                    if (d == '\'') {
                        j = text.indexOf('\'', j + 1);
                    } else if (d == '(') {
                        depth++;
                    } else if (d == ')') {
                        depth--;
                    }
                    j++;
                } while (depth > 0);
                if (word.toString().matches("\\w+=")) {
                    words.add(new Word(word.toString(), false)); // NAME=$(...)
                } else if (!word.isEmpty()) {
                    throw new IllegalArgumentException("a $(...) inside a word: " + text.substring(i, j));
                }
                words.add(new Word(text.substring(i + 2, j - 1), true));
                word = null;
                i = j;
            } else if (c == '$') {
                Matcher m = Pattern.compile("\\$(\\{\\w+}|\\w+)").matcher(text).region(i, text.length());
                if (!m.lookingAt()) {
                    throw new IllegalArgumentException("a $ the examples' shell does not read, at: " + text.substring(i));
                }
                word.append(expand(m.group(), vars));
                i = m.end();
            } else {
                word.append(c);
                i++;
            }
        }
        if (word != null) {
            words.add(new Word(word.toString(), false));
        }
        if (!words.isEmpty()) {
            commands.add(command(words, comment, vars));
        }
        return commands;
    }

    private static String expand(String s, Map<String, String> vars) {
        Matcher m = Pattern.compile("\\$\\{?(\\w+)}?").matcher(s);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = vars.get(m.group(1));
            if (value == null) {
                throw new IllegalArgumentException("$" + m.group(1) + " is used before an example sets it");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        return m.appendTail(out).toString();
    }

    private static Command command(List<Word> words, String comment, Map<String, String> vars) {
        int status = 0;
        if (comment != null) {
            Matcher m = Pattern.compile("^\\s*(?:→\\s*)?(\\d{3})\\b").matcher(comment);
            if (m.find()) {
                status = Integer.parseInt(m.group(1));
            }
        }
        Word first = words.get(0);
        Matcher assignment = Pattern.compile("(\\w+)=(.*)", Pattern.DOTALL).matcher(first.text());
        if (!first.substitution() && assignment.matches()) {
            if (words.size() == 2 && words.get(1).substitution() && assignment.group(2).isEmpty()) {
                String inner = words.get(1).text();
                int pipe = inner.lastIndexOf("| jq -r ");
                if (pipe < 0) {
                    throw new IllegalArgumentException("a $(...) the examples' shell does not read: " + inner);
                }
                List<Command> curl = parse(inner.substring(0, pipe), vars);
                return new Command(assignment.group(1), null, curl.get(0).curl(), inner.substring(pipe + 8).strip(), status);
            }
            if (words.size() != 1) {
                throw new IllegalArgumentException("an assignment the examples' shell does not read: " + words);
            }
            return new Command(assignment.group(1), assignment.group(2), null, null, status);
        }
        if (!first.text().equals("curl")) {
            throw new IllegalArgumentException("only curl and assignments run in an example block, not: " + first.text());
        }
        String method = null;
        String url = null;
        String data = null;
        List<String> headers = new ArrayList<>();
        for (int k = 1; k < words.size(); k++) {
            String w = words.get(k).text();
            switch (w) {
                case "-X", "--request" -> method = words.get(++k).text();
                case "-H", "--header" -> headers.add(words.get(++k).text());
                case "-d", "--data", "--data-raw", "--data-binary" -> data = words.get(++k).text();
                case "-s", "-S", "-i", "-si", "-sS", "-f", "-fsS", "--silent", "--fail" -> {
                    // output options: no effect on what is sent
                }
                default -> {
                    if (w.startsWith("-")) {
                        throw new IllegalArgumentException("a curl option the examples' shell does not read: " + w);
                    }
                    if (url != null) {
                        throw new IllegalArgumentException("two URLs in one curl: " + url + ", " + w);
                    }
                    url = w;
                }
            }
        }
        if (data != null && data.startsWith("@")) {
            throw new IllegalArgumentException("a body from a file is not runnable here: " + data);
        }
        return new Command(null, null, new Curl(method, url, headers, data), null, status);
    }
}
