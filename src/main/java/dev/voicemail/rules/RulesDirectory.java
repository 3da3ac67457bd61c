package dev.voicemail.rules;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

import dev.voicemail.api.Digests;

/**
 * A rules directory on disk: which files it holds (read the same way by the compiler, the preload
 * and the reloader, whose watches follow the same links and skip the same hidden entries) and the
 * version they make.
 */
public final class RulesDirectory {

    private RulesDirectory() {
    }

    /**
     * Reads every .drl file below {@code dir}, keyed by its path relative to it (with '/').
     * Symbolic links are followed and hidden entries (names starting with '.') skipped: a Kubernetes
     * ConfigMap volume is {@code common -> ..data/common}, {@code ..data -> ..2026_11_22_...}, and an
     * editor's swap or backup files are hidden too.
     */
    public static SortedMap<String, String> read(Path dir) throws IOException {
        SortedMap<String, String> files = new TreeMap<>();
        if (!Files.isDirectory(dir)) {
            throw new IOException("rules directory " + dir.toAbsolutePath() + " does not exist");
        }
        walk(dir, folder -> { }, file -> {
            if (file.getFileName().toString().endsWith(".drl")) {
                files.put(dir.relativize(file).toString().replace('\\', '/'), Files.readString(file, StandardCharsets.UTF_8));
            }
        }, false);
        return files;
    }

    /**
     * Calls {@code folder} for {@code dir} and each folder {@link #read} looks into (links followed,
     * hidden ones skipped): the folders a watcher must watch. A folder that vanishes meanwhile, or a
     * link back up the tree, is passed over: the watcher sees the change anyway.
     */
    static void forEachFolder(Path dir, IoAction folder) throws IOException {
        walk(dir, folder, file -> { }, true);
    }

    /** Something done to a path that may fail with an {@link IOException}. */
    @FunctionalInterface
    interface IoAction {
        void on(Path path) throws IOException;
    }

    /**
     * The one walk of a rules directory: its folders and visible regular files, links followed.
     *
     * @param passOverFailures true to go on past any entry that cannot be visited; false to go on past
     *                         link loops and hidden entries only, and fail on the rest
     */
    private static void walk(Path dir, IoAction folder, IoAction file, boolean passOverFailures) throws IOException {
        Files.walkFileTree(dir, EnumSet.of(FileVisitOption.FOLLOW_LINKS), 32, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) throws IOException {
                if (!d.equals(dir) && hidden(d)) {
                    return FileVisitResult.SKIP_SUBTREE; // e.g. a ConfigMap's ..2026_11_22_... version folder
                }
                folder.on(d);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path p, BasicFileAttributes attrs) throws IOException {
                if (attrs.isRegularFile() && !hidden(p)) {
                    file.on(p);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path p, IOException e) throws IOException {
                if (passOverFailures || e instanceof FileSystemLoopException || hidden(p)) {
                    return FileVisitResult.CONTINUE; // a link back up the tree; or a vanished temp file
                }
                throw e;
            }
        });
    }

    /** Hidden: a name starting with '.' (an editor's temp file, a ConfigMap's version folder). */
    static boolean hidden(Path p) {
        return p.getFileName() != null && p.getFileName().toString().startsWith(".");
    }

    /** The rule set's version: a SHA-256 over every file's path and text. */
    public static String digest(SortedMap<String, String> files) {
        MessageDigest sha = Digests.sha256();
        for (Map.Entry<String, String> f : files.entrySet()) {
            sha.update(f.getKey().getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(f.getValue().getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
        }
        return "sha256:" + HexFormat.of().formatHex(sha.digest());
    }
}
