package dev.voicemail.decisionlog;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

/**
 * Which build of the service decides: its version and build time, from voicemail-build.properties
 * (filtered by Maven). A logged answer stands for today's only when today's build made it, since
 * the Java that turns a request into facts may have changed between builds, not only the rules.
 * Without the file (or unfiltered), each start is its own build: nothing logged before is trusted.
 */
@ApplicationScoped
public class DecidingBuild {

    private static final Logger LOG = Logger.getLogger(DecidingBuild.class);

    private final String id;

    public DecidingBuild() {
        this.id = read();
    }

    /** At most 100 characters (the log's column). */
    public String id() {
        return id;
    }

    private static String read() {
        Properties p = new Properties();
        try (InputStream in = DecidingBuild.class.getResourceAsStream("/voicemail-build.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            LOG.warnf("cannot read voicemail-build.properties (%s): this start counts as a build of its own", e.getMessage());
        }
        String build = p.getProperty("build");
        if (build == null || build.isBlank() || build.contains("${")) {
            return "start " + UUID.randomUUID();
        }
        return build.length() > 100 ? build.substring(0, 100) : build;
    }
}
