package dev.voicemail.cli;

import java.io.PrintStream;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What the packaged jar's command line offers, and the settings its commands share. The commands run
 * before Quarkus, so no HTTP server starts, no database is opened and nothing is logged as the service.
 */
public final class CommandLine {

    public static final String USAGE = """
            usage: java -jar quarkus-run.jar [command]

            commands:
              (none), serve             start the service (HTTP on quarkus.http.port, rules from voicemail.rules.dir)
              test [rules-dir]          run the scenario files of a rules directory (default: rules)
                                        exit 0 all pass, 1 a case fails, 2 the rules do not compile or no scenario file
                   --no-cache           compile every policy from DRL (default: reuse policies compiled by an
                                        earlier run, kept in $XDG_CACHE_HOME/voicemail-decisions, else ~/.cache/...)
              validate [rules-dir]      compile a rules directory and print each error as file:line:column: message
                                        exit 0 valid, 1 errors, 2 usage (no such directory)
              help, --help, -h          print this and exit
            """;

    /** Held so that the levels set below stay set (java.util.logging keeps loggers weakly). */
    private static final Logger[] QUIETED = new Logger[4];

    private CommandLine() {
    }

    public static void help(PrintStream out) {
        out.print(USAGE);
    }

    /**
     * Outside Quarkus nothing configures logging, and the log manager then enables every level: Drools
     * formats its trace messages on every rule firing and network update (measured: a third of the
     * {@code test} command's time went to building log records nobody sees). The commands log at INFO,
     * and leave compile errors to their own report, as the service does (application.properties).
     */
    public static void quietLogging() {
        QUIETED[0] = level("", Level.INFO);
        QUIETED[1] = level("org.drools.compiler.kie.builder.impl.KieBuilderImpl", Level.SEVERE);
        QUIETED[2] = level("org.drools.compiler.kie.builder.impl.KieContainerImpl", Level.WARNING);
        QUIETED[3] = level("org.drools.compiler.kie.builder.impl.KieProject", Level.OFF);
    }

    private static Logger level(String name, Level level) {
        Logger logger = Logger.getLogger(name);
        logger.setLevel(level);
        return logger;
    }
}
