package dev.voicemail.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;

/**
 * The data directory (H2 database, compiled-rules cache) is the service user's alone: the directory
 * 0700, the files in it 0600. Java cannot set a umask, so the directory is created owner-only before
 * anything is written into it ({@link #secure(Path)}, called from main), and whatever was created
 * in it meanwhile (H2 creates its file with the process's umask) is tightened once the database is
 * open. Files written later are unreachable for others through the 0700 directory.
 */
@ApplicationScoped
public class DataDirectory {

    private static final Logger LOG = Logger.getLogger(DataDirectory.class);
    private static final Set<PosixFilePermission> DIR = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

    private final Path dir;

    public DataDirectory(@ConfigProperty(name = "voicemail.data.path") String dir) {
        this.dir = Path.of(dir);
    }

    void tighten(@Observes StartupEvent start) {
        secure(dir);
    }

    /** Creates the directory owner-only, or makes an existing one and everything in it owner-only. */
    public static void secure(Path dir) {
        if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return; // (Windows: the directory's ACL inherited from its parent applies)
        }
        try {
            if (!Files.isDirectory(dir)) {
                Path parent = dir.toAbsolutePath().getParent();
                if (parent != null) {
                    Files.createDirectories(parent);
                }
                Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(DIR));
            }
            try (Stream<Path> all = Files.walk(dir)) {
                for (Path p : (Iterable<Path>) all::iterator) {
                    if (Files.isSymbolicLink(p)) {
                        continue;
                    }
                    try {
                        Set<PosixFilePermission> wanted = Files.isDirectory(p) ? DIR : FILE;
                        if (!Files.getPosixFilePermissions(p).equals(wanted)) {
                            Files.setPosixFilePermissions(p, wanted);
                        }
                    } catch (java.nio.file.NoSuchFileException gone) {
                        // a temporary file, deleted meanwhile
                    }
                }
            }
        } catch (java.nio.file.FileAlreadyExistsException e) {
            secure(dir); // created concurrently (the rules preload): tighten it
        } catch (IOException e) {
            LOG.warnf("Cannot make the data directory %s readable by this user only: %s", dir, e);
        } catch (UncheckedIOException e) {
            LOG.warnf("Cannot make the data directory %s readable by this user only: %s", dir, e.getCause());
        }
    }
}
