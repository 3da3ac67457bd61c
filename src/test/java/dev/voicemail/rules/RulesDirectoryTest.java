package dev.voicemail.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.SortedMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which files make up a rule set: links followed, hidden entries (ConfigMap internals, editor files) skipped. */
class RulesDirectoryTest {

    @TempDir
    Path dir;

    @Test
    void aConfigMapVolumeReadsAsItsVisibleLayout() throws Exception {
        // What Kubernetes mounts for a ConfigMap whose items map keys to common/... and policies/...
        Path v1 = dir.resolve("..2026_11_22_21_00_00.1");
        Files.createDirectories(v1.resolve("common"));
        Files.createDirectories(v1.resolve("policies"));
        Files.writeString(v1.resolve("common/fallback.drl"), "package common;\n");
        Files.writeString(v1.resolve("policies/never.drl"), "package policies.never;\n// v1\n");
        Files.createSymbolicLink(dir.resolve("..data"), v1.getFileName());
        Files.createSymbolicLink(dir.resolve("common"), Path.of("..data/common"));
        Files.createSymbolicLink(dir.resolve("policies"), Path.of("..data/policies"));

        SortedMap<String, String> files = RulesDirectory.read(dir);
        assertEquals(List.of("common/fallback.drl", "policies/never.drl"), List.copyOf(files.keySet()));

        // An update: a new version folder, and ..data swapped to it in one rename
        Path v2 = dir.resolve("..2026_11_22_21_05_00.2");
        Files.createDirectories(v2.resolve("common"));
        Files.createDirectories(v2.resolve("policies"));
        Files.writeString(v2.resolve("common/fallback.drl"), "package common;\n");
        Files.writeString(v2.resolve("policies/never.drl"), "package policies.never;\n// v2\n");
        Files.createSymbolicLink(dir.resolve("..data_tmp"), v2.getFileName());
        Files.move(dir.resolve("..data_tmp"), dir.resolve("..data"), StandardCopyOption.ATOMIC_MOVE,
                StandardCopyOption.REPLACE_EXISTING);
        assertEquals("package policies.never;\n// v2\n", RulesDirectory.read(dir).get("policies/never.drl"));
    }

    @Test
    void hiddenFilesAndFoldersAreNotRules() throws Exception {
        Files.createDirectories(dir.resolve("policies"));
        Files.createDirectories(dir.resolve(".git"));
        Files.writeString(dir.resolve("policies/never.drl"), "package policies.never;\n");
        Files.writeString(dir.resolve("policies/.#never.drl"), "an editor's lock file");
        Files.writeString(dir.resolve(".git/old.drl"), "not a rule");
        Files.createSymbolicLink(dir.resolve("policies/loop"), Path.of("..")); // a link back up is not followed forever
        assertEquals(List.of("policies/never.drl"), List.copyOf(RulesDirectory.read(dir).keySet()));
    }
}
