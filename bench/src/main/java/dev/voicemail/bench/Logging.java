package dev.voicemail.bench;

import java.util.logging.Level;

/**
 * Logging as the service has it (INFO). Outside Quarkus, its bootstrap configurator on the class path
 * enables every level and buffers records until an application starts, which never happens in a JMH
 * fork: Drools' trace logging then costs more than the rules do.
 */
final class Logging {

    private Logging() {
    }

    static void asInService() {
        org.jboss.logmanager.Logger.getLogger("").setLevel(Level.INFO);
    }
}
