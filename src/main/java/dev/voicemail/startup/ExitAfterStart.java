package dev.voicemail.startup;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.StartupEvent;

/**
 * With {@code voicemail.exit-after-start=true} the service stops as soon as it has started (rules
 * loaded, trial decisions run). scripts/cds.sh runs it so to record which classes a start loads,
 * into the class-data sharing archive that scripts/start.sh then uses.
 */
@ApplicationScoped
public class ExitAfterStart {

    private static final Logger LOG = Logger.getLogger(ExitAfterStart.class);

    void onStart(@Observes @Priority(Interceptor.Priority.LIBRARY_AFTER + 900) StartupEvent event,
                 @ConfigProperty(name = "voicemail.exit-after-start", defaultValue = "false") boolean exit) {
        if (exit) {
            LOG.info("Started; exiting (voicemail.exit-after-start=true)");
            Quarkus.asyncExit(0);
        }
    }
}
