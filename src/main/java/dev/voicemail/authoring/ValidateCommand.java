package dev.voicemail.authoring;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeSet;

import dev.voicemail.rules.RulesDirectory;
import dev.voicemail.rules.RuleError;
import dev.voicemail.rules.RuleSet;
import dev.voicemail.rules.RulesCompileException;
import dev.voicemail.rules.RulesCompiler;

/**
 * {@code java -jar quarkus-run.jar validate [rules-dir]}: compiles a rules directory as the service
 * would load it and prints each error as {@code file:line:column: message} (the form editors and CI
 * logs link to), without a server or a database. Exit status 0 valid, 1 errors, 2 misuse.
 */
public final class ValidateCommand {

    public static final String NAME = "validate";

    private ValidateCommand() {
    }

    /** @param args the arguments after {@code validate} */
    public static int run(List<String> args, PrintStream out) {
        if (args.size() > 1 || (args.size() == 1 && args.get(0).startsWith("-"))) {
            out.println("usage: java -jar quarkus-run.jar validate [rules-directory]   (default: rules)");
            return 2;
        }
        Path dir = Path.of(args.isEmpty() ? "rules" : args.get(0));
        if (!Files.isDirectory(dir)) {
            out.println("ERROR no rules directory " + dir.toAbsolutePath());
            return 2;
        }
        SortedMap<String, String> files;
        try {
            files = RulesDirectory.read(dir);
        } catch (IOException e) {
            out.println("ERROR cannot read " + dir + ": " + e.getMessage());
            return 2;
        }
        try {
            RuleSet rules = new RulesCompiler().compile(files);
            out.println("valid: " + files.size() + " files in " + dir + ", policies " + new TreeSet<>(rules.policies().keySet()));
            return 0;
        } catch (RulesCompileException e) {
            for (RuleError error : e.errors()) {
                out.println(located(dir, error));
            }
            out.println(e.errors().size() + (e.errors().size() == 1 ? " error" : " errors") + " in " + dir);
            return 1;
        }
    }

    /** {@code rules/policies/x.drl:14:1: message}: the path as given, so that it opens from where the command ran. */
    static String located(Path dir, RuleError error) {
        String file = error.file() == null ? dir.toString() : dir.resolve(error.file()).toString();
        return file + ":" + error.line() + ":" + error.column() + ": " + error.message();
    }
}
