package dev.voicemail;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import dev.voicemail.authoring.ValidateCommand;
import dev.voicemail.cli.CommandLine;
import dev.voicemail.db.DataDirectory;
import dev.voicemail.rules.RulesPreload;
import dev.voicemail.scenarios.ScenarioCommand;
import dev.voicemail.startup.EarlyConfig;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * Entry point of the packaged application. The rule author's commands ({@code test}, {@code validate})
 * and {@code help} run and exit before Quarkus starts: no HTTP server, no database, nothing written.
 * No command (or {@code serve}) starts the service, with the rules loading meanwhile ({@link RulesPreload}).
 */
@QuarkusMain
public final class Main {

    public static void main(String... args) {
        if (args.length > 0 && !args[0].equals("serve")) {
            System.exit(command(args[0], Arrays.asList(args).subList(1, args.length)));
        }
        // Quarkus's URI check and Vert.x's header check answer a malformed URI or header with an empty 400;
        // MalformedUri and HeaderSyntax make the same checks and answer with JSON (docs/security.md)
        System.setProperty("vertx.disableURIValidation", System.getProperty("vertx.disableURIValidation", "true"));
        System.setProperty("vertx.disableHttpHeadersValidation",
                System.getProperty("vertx.disableHttpHeadersValidation", "true"));
        // owner-only before the preload or H2 write into it
        DataDirectory.secure(Path.of(EarlyConfig.value("voicemail.data.path")).toAbsolutePath().normalize());
        RulesPreload.start(); // the rules load while Quarkus boots
        Quarkus.run(args.length > 0 ? Arrays.copyOfRange(args, 1, args.length) : args);
    }

    private static int command(String name, List<String> rest) {
        switch (name) {
            case "help", "--help", "-h" -> {
                CommandLine.help(System.out);
                return 0;
            }
            case ScenarioCommand.NAME -> {
                CommandLine.quietLogging();
                return ScenarioCommand.run(rest, System.out);
            }
            case ValidateCommand.NAME -> {
                CommandLine.quietLogging();
                return ValidateCommand.run(rest, System.out);
            }
            default -> {
                // an unknown word must not start a server (nor fail on the database lock of a running one)
                System.err.println("unknown command '" + name + "'");
                CommandLine.help(System.err);
                return 2;
            }
        }
    }
}
