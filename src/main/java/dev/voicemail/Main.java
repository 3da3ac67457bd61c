package dev.voicemail;

import java.util.Arrays;

import dev.voicemail.db.DataDirectory;
import dev.voicemail.rules.RulesPreload;
import dev.voicemail.scenarios.ScenarioCommand;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * Entry point of the packaged application. {@code test [rules-dir]} runs the rule author's scenario
 * tests and exits, before Quarkus starts: no HTTP server, no database, nothing written. Anything
 * else starts the service, with the rules loading meanwhile ({@link RulesPreload}).
 */
@QuarkusMain
public final class Main {

    public static void main(String... args) {
        if (args.length > 0 && ScenarioCommand.NAME.equals(args[0])) {
            System.exit(ScenarioCommand.run(Arrays.asList(args).subList(1, args.length), System.out));
        }
        DataDirectory.secure(DataDirectory.early()); // owner-only before the preload or H2 write into it
        // Quarkus's own URI check answers a malformed URI with an empty 400; MalformedUri answers it with JSON
        System.setProperty("vertx.disableURIValidation", System.getProperty("vertx.disableURIValidation", "true"));
        RulesPreload.start(); // the rules load while Quarkus boots
        Quarkus.run(args);
    }
}
