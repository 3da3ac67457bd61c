package dev.voicemail.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.voicemail.decision.DecisionResponse;

/**
 * The compiled-rules cache, on the real rules/: a compiler started afresh over the same cache
 * directory (what a restart does) loads every policy instead of compiling it, and decides exactly as
 * the compiled policies do; an entry that is corrupt, for other files, or from another build is
 * compiled from DRL instead; an edited rule file is never served from the cache.
 */
class CompiledRulesCacheTest {

    private static final Path RULES = Path.of("rules");
    private static final int DECISIONS_PER_POLICY = 300;
    private static SortedMap<String, String> files;

    @TempDir
    Path cacheDir;

    @BeforeAll
    static void read() throws IOException {
        files = RulesDirectory.read(RULES);
    }

    private CompiledRulesCache cache() {
        CompiledRulesCache cache = CompiledRulesCache.in(cacheDir);
        assertNotNull(cache, "the build (target/classes) must be identifiable");
        return cache;
    }

    private static List<DecisionResponse> decisions(RuleSet rules) {
        return TrialInputs.answers(rules, DECISIONS_PER_POLICY);
    }

    private List<Path> entries() throws IOException {
        try (Stream<Path> list = Files.list(cacheDir)) {
            return list.filter(p -> p.toString().endsWith(".kbase")).sorted().toList();
        }
    }

    @Test
    void aRestartLoadsEveryPolicyAndDecidesTheSame() throws Exception {
        RulesCompiler first = new RulesCompiler(cache());
        RuleSet compiled = first.compile(files);
        assertEquals(6, compiled.policies().size());
        assertEquals(6, first.compiledCount());
        assertEquals(0, first.loadedFromCacheCount());
        assertEquals(6, entries().size(), "one entry per policy");

        RulesCompiler restarted = new RulesCompiler(cache());
        RuleSet loaded = restarted.compile(files);
        assertEquals(0, restarted.compiledCount(), "nothing compiled");
        assertEquals(6, restarted.loadedFromCacheCount());
        assertEquals(compiled.version(), loaded.version());
        for (PolicyRules policy : compiled.policies().values()) {
            PolicyRules other = loaded.policy(policy.name());
            assertEquals(policy.description(), other.description());
            assertEquals(policy.file(), other.file());
            assertEquals(policy.parameters().keySet(), other.parameters().keySet());
            policy.parameters().forEach((name, spec) ->
                    assertEquals(spec.defaultValue(), other.parameters().get(name).defaultValue(), name));
        }
        List<DecisionResponse> expected = decisions(compiled);
        assertEquals(expected, decisions(loaded));
        assertEquals(6 * 2 * DECISIONS_PER_POLICY, expected.size());
        assertTrue(TrialDecisions.run(loaded, 24).isEmpty());
    }

    @Test
    void aBadEntryIsCompiledFromDrlAndReplaced() throws Exception {
        RuleSet compiled = new RulesCompiler(cache()).compile(files);
        CompiledRulesCache cache = cache();
        SortedMap<String, String> common = new TreeMap<>(files);
        common.keySet().removeIf(path -> !path.startsWith(RulesLayout.COMMON));
        Path always = entry(cache, "always", common);
        Path cadence = entry(cache, "cadence", common);
        Path never = entry(cache, "never", common);
        Path persistent = entry(cache, "persistent", common);
        Path multichannel = entry(cache, "multichannel", common);

        byte[] bytes = Files.readAllBytes(always);
        bytes[bytes.length / 2] ^= 0x5a; // one flipped byte
        Files.write(always, bytes);
        Files.write(cadence, java.util.Arrays.copyOf(Files.readAllBytes(cadence), 1000)); // truncated
        Files.copy(multichannel, never, java.nio.file.StandardCopyOption.REPLACE_EXISTING); // another policy's entry
        Files.writeString(persistent, "not a compiled policy");
        Files.write(multichannel, new byte[0]);

        RulesCompiler restarted = new RulesCompiler(cache());
        RuleSet recovered = restarted.compile(files);
        assertEquals(5, restarted.compiledCount(), "the five bad entries compiled from DRL");
        assertEquals(1, restarted.loadedFromCacheCount(), "only-after-contact was intact");
        assertEquals(decisions(compiled), decisions(recovered));

        RulesCompiler again = new RulesCompiler(cache());
        again.compile(files);
        assertEquals(6, again.loadedFromCacheCount(), "the bad entries were replaced by good ones");
    }

    /**
     * A kill -9 mid-write leaves an entry's temporary file: the next write deletes it once it is old
     * enough to have no writer left, and leaves a fresh one (another compile's, still writing) alone.
     */
    @Test
    void aTemporaryFileLeftByAKilledWriterIsDeleted() throws Exception {
        Files.createDirectories(cacheDir);
        Path orphan = Files.write(cacheDir.resolve(".entry-killed.tmp"), new byte[4096]);
        Files.setLastModifiedTime(orphan, FileTime.from(
                Instant.now().minus(CompiledRulesCache.ORPHAN_AGE).minusSeconds(60)));
        Path writing = Files.write(cacheDir.resolve(".entry-writing.tmp"), new byte[4096]);

        new RulesCompiler(cache()).compile(files);

        assertTrue(Files.notExists(orphan), "the orphan of a killed writer is deleted");
        assertTrue(Files.exists(writing), "a temporary file still being written is kept");
        try (var left = Files.list(cacheDir)) {
            assertEquals(1, left.filter(p -> p.getFileName().toString().endsWith(".tmp")).count());
        }
    }

    /** The entry file of a policy of the real rules. */
    private static Path entry(CompiledRulesCache cache, String policy, SortedMap<String, String> common) {
        SortedMap<String, String> inputs = new TreeMap<>(common);
        String path = RulesLayout.POLICIES + policy + ".drl";
        inputs.put(path, files.get(path));
        Path file = cache.file(policy + '\u0000' + RulesDirectory.digest(inputs));
        assertTrue(Files.isRegularFile(file), () -> "no entry " + file);
        return file;
    }

    @Test
    void anEditedRuleFileIsNeverServedFromTheCache() throws Exception {
        new RulesCompiler(cache()).compile(files);

        SortedMap<String, String> edited = new TreeMap<>(files);
        String always = RulesLayout.POLICIES + "always.drl";
        String text = edited.get(always);
        int at = text.indexOf("@explanation(\"") + "@explanation(\"".length();
        edited.put(always, text.substring(0, at) + "EDITED " + text.substring(at));
        RulesCompiler restarted = new RulesCompiler(cache());
        RuleSet rules = restarted.compile(edited);
        assertEquals(1, restarted.compiledCount(), "the edited policy compiled");
        assertEquals(5, restarted.loadedFromCacheCount());
        boolean seen = decisions(rules).stream().flatMap(d -> d.reasons().stream())
                .anyMatch(r -> r.text().startsWith("EDITED "));
        assertTrue(seen, "the edited explanation is what decisions show");

        SortedMap<String, String> commonEdited = new TreeMap<>(files);
        String guards = RulesLayout.COMMON + "guards.drl";
        commonEdited.put(guards, commonEdited.get(guards) + "\n// an edit of a common file\n");
        RulesCompiler afterCommonEdit = new RulesCompiler(cache());
        afterCommonEdit.compile(commonEdited);
        assertEquals(6, afterCommonEdit.compiledCount(), "a common file is an input of every policy");
    }

    @Test
    void anotherBuildDoesNotUseTheEntries() throws Exception {
        RuleSet compiled = new RulesCompiler(cache()).compile(files);
        RulesCompiler otherBuild = new RulesCompiler(new CompiledRulesCache(cacheDir, "another build", 32));
        RuleSet rules = otherBuild.compile(files);
        assertEquals(6, otherBuild.compiledCount());
        assertEquals(0, otherBuild.loadedFromCacheCount());
        assertEquals(decisions(compiled), decisions(rules));
    }

    @Test
    void compileErrorsAreStillReportedWithFileAndLine() throws Exception {
        new RulesCompiler(cache()).compile(files);
        SortedMap<String, String> broken = new TreeMap<>(files);
        String always = RulesLayout.POLICIES + "always.drl";
        broken.put(always, broken.get(always).replaceFirst("\\bwhen\\b", "whenn"));
        RulesCompileException e = org.junit.jupiter.api.Assertions.assertThrows(RulesCompileException.class,
                () -> new RulesCompiler(cache()).compile(broken));
        assertTrue(e.errors().stream().anyMatch(err -> always.equals(err.file()) && err.line() > 0), e::getMessage);
    }
}
