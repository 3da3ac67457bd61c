package dev.voicemail.rules;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

import org.drools.base.util.Drools;
import org.jboss.logging.Logger;
import org.kie.api.KieBase;

import dev.voicemail.api.Digests;

/**
 * Compiled policies kept on disk, so that a restart with unchanged rules loads them instead of
 * compiling DRL again (compiling six policies costs seconds with a cold JIT; loading them, a tenth).
 *
 * <p>An entry is a policy's KieBase as Drools itself serialises it: the knowledge packages (rules,
 * with the bytecode generated for their consequences and constraints) and the classes of the types the
 * DRL declares. It is found by a key covering everything the policy is built from (see
 * {@link PolicySource#key()}) and the build of this service (its code, the Drools and Java versions, the
 * format), so an edited rule file, a new release or a new JVM is never served an old entry.
 *
 * <p>Nothing here may break start-up or answer with other rules than the files say: a file that is
 * missing, truncated, altered (each carries a SHA-256 of its contents), written by another build or
 * for another key, or that Drools cannot read, is deleted and reported as a miss; the caller then
 * compiles from DRL. Writing is best-effort too. The directory must be as trusted as the rules
 * directory: both end up as code in this process.
 */
public final class CompiledRulesCache {

    private static final Logger LOG = Logger.getLogger(CompiledRulesCache.class);
    /** Changes whenever the file layout below changes. */
    private static final int FORMAT = 1;
    private static final int MAGIC = 0x564d5243; // "VMRC"
    private static final String SUFFIX = ".kbase";
    private static final int MAX_ENTRY_BYTES = 64 << 20;
    private static final String TEMP_PREFIX = ".entry-";
    /** A temporary file older than this was left by a process killed while writing it: no writer takes so long. */
    static final Duration ORPHAN_AGE = Duration.ofMinutes(10);

    private final Path dir;
    private final String build;
    private final int maxEntries;

    /**
     * @param dir        where entries live (created when first written)
     * @param build      identity of the code the entries' bytecode was generated against; see {@link #buildIdentity()}
     * @param maxEntries entries kept; the least recently used beyond it are deleted
     */
    public CompiledRulesCache(Path dir, String build, int maxEntries) {
        this.dir = dir;
        this.build = build;
        this.maxEntries = maxEntries;
    }

    /** A cache in {@code dir} for this build of the service, or null when the build cannot be identified. */
    public static CompiledRulesCache in(Path dir) {
        String build = buildIdentity();
        if (build == null) {
            LOG.infof("Compiled rules are not cached: the service's code location cannot be identified");
            return null;
        }
        return new CompiledRulesCache(dir, build, 32);
    }

    public Path directory() {
        return dir;
    }

    /** The compiled KieBase stored for {@code key}, or null (a miss, or a bad entry, which is then deleted). */
    KieBase load(String key) {
        Path file = file(key);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            LOG.warnf("Cannot read the compiled rules in %s (%s): compiling from DRL", file, e.toString());
            return null;
        }
        try {
            KieBase base = decode(bytes, key);
            try {
                Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis())); // recently used
            } catch (IOException e) {
                // only the eviction order suffers
            }
            return base;
        } catch (Exception | LinkageError e) {
            discard(key, e.toString());
            return null;
        }
    }

    /** Deletes the entry for {@code key}: it was found wrong. */
    void discard(String key, String why) {
        Path file = file(key);
        LOG.warnf("Discarding the compiled rules in %s (%s): compiling from DRL", file, why);
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warnf("Cannot delete %s: %s", file, e.toString());
        }
    }

    /**
     * Stores {@code base} under {@code key}. Call it before the KieBase decides anything: its packages
     * must be serialised while nothing else uses them. Failures are logged, never thrown.
     */
    void store(String key, KieBase base) {
        Path file = file(key);
        try {
            byte[] bytes = encode(key, base);
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, TEMP_PREFIX, ".tmp"); // hidden, and renamed whole: readers never see half a file
            try {
                Files.write(tmp, bytes);
                try {
                    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
            evict();
        } catch (Exception | LinkageError e) {
            LOG.warnf("Cannot store compiled rules in %s (%s); the next start compiles them again", file, e.toString());
        }
    }

    private void evict() throws IOException {
        deleteOrphans();
        List<Path> entries = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*" + SUFFIX)) {
            files.forEach(entries::add);
        }
        if (entries.size() <= maxEntries) {
            return;
        }
        entries.sort(Comparator.comparing(CompiledRulesCache::modified).reversed());
        for (Path old : entries.subList(maxEntries, entries.size())) {
            Files.deleteIfExists(old);
        }
    }

    /**
     * A kill -9 between writing an entry's temporary file and renaming it leaves the file behind, a
     * policy's size each time; a service killed again and again mid-compile (an OOM killer's loop)
     * would fill the disk with them. A temporary file is written and renamed within seconds, so one
     * older than {@link #ORPHAN_AGE} has no writer left.
     */
    private void deleteOrphans() throws IOException {
        FileTime before = FileTime.from(Instant.now().minus(ORPHAN_AGE));
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, TEMP_PREFIX + "*.tmp")) {
            for (Path tmp : files) {
                if (modified(tmp).compareTo(before) < 0) {
                    Files.deleteIfExists(tmp);
                }
            }
        }
    }

    private static FileTime modified(Path p) {
        try {
            return Files.getLastModifiedTime(p);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }

    Path file(String key) {
        return dir.resolve(sha256Hex((build + '\u0000' + key).getBytes(StandardCharsets.UTF_8)) + SUFFIX);
    }

    // --- Format: MAGIC, FORMAT, build, key, payload length, payload SHA-256, payload: the
    //     KieBase's image (KieBaseImage: the declared types' classes, then the knowledge packages).

    private byte[] encode(String key, KieBase base) throws IOException {
        byte[] body = KieBaseImage.of(base);
        ByteArrayOutputStream whole = new ByteArrayOutputStream(body.length + 512);
        try (DataOutputStream out = new DataOutputStream(whole)) {
            out.writeInt(MAGIC);
            out.writeInt(FORMAT);
            out.writeUTF(build);
            out.writeUTF(key);
            out.writeInt(body.length);
            out.write(Digests.sha256(body));
            out.write(body);
        }
        return whole.toByteArray();
    }

    private KieBase decode(byte[] bytes, String key) throws IOException, ClassNotFoundException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
        if (in.readInt() != MAGIC || in.readInt() != FORMAT) {
            throw new IOException("not a compiled-rules file of this format");
        }
        if (!build.equals(in.readUTF())) {
            throw new IOException("written by another build of the service");
        }
        if (!key.equals(in.readUTF())) {
            throw new IOException("written for other rule files");
        }
        int length = in.readInt();
        byte[] digest = in.readNBytes(32);
        if (length < 0 || length > MAX_ENTRY_BYTES || in.available() != length) {
            throw new IOException("truncated or padded (" + in.available() + " bytes of " + length + ")");
        }
        byte[] body = in.readNBytes(length);
        if (!MessageDigest.isEqual(digest, Digests.sha256(body))) {
            throw new IOException("contents do not match their checksum");
        }
        return KieBaseImage.restore(body);
    }

    // --- Build identity -------------------------------------------------------------------------

    /**
     * What cached bytecode depends on besides the rule files: this service's classes (the facts the
     * rules use; the jar's or classes directory's contents), the Drools version and the JVM. Null when
     * the code cannot be read.
     */
    static String buildIdentity() {
        try {
            MessageDigest sha = Digests.sha256();
            sha.update(("format " + FORMAT + "\0drools " + Drools.getFullVersion() + "\0java "
                    + System.getProperty("java.vm.vendor") + ' ' + System.getProperty("java.runtime.version") + '\0')
                    .getBytes(StandardCharsets.UTF_8));
            URL location = RulesCompiler.class.getProtectionDomain().getCodeSource() == null ? null
                    : RulesCompiler.class.getProtectionDomain().getCodeSource().getLocation();
            if (location == null || !"file".equals(location.getProtocol())) {
                return null;
            }
            Path code = Path.of(location.toURI());
            if (Files.isRegularFile(code)) {
                digestFile(sha, code);
            } else if (Files.isDirectory(code)) {
                try (Stream<Path> walk = Files.walk(code)) {
                    List<Path> files = walk.filter(Files::isRegularFile).sorted().toList();
                    for (Path f : files) {
                        sha.update(code.relativize(f).toString().getBytes(StandardCharsets.UTF_8));
                        sha.update((byte) 0);
                        digestFile(sha, f);
                    }
                }
            } else {
                return null;
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (Exception e) {
            LOG.debug("cannot identify the build", e);
            return null;
        }
    }

    private static void digestFile(MessageDigest sha, Path file) throws IOException {
        byte[] buffer = new byte[64 << 10];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                sha.update(buffer, 0, n);
            }
        }
    }

    /** An entry's file name: 160 bits of the SHA-256 of build and key, ample to tell entries apart. */
    private static String sha256Hex(byte[] bytes) {
        return HexFormat.of().formatHex(Arrays.copyOf(Digests.sha256(bytes), 20));
    }
}
