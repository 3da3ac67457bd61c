package dev.voicemail.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The watcher sees a change anywhere {@link RulesDirectory} reads (new folders, folders behind links)
 * and asks for one reload once a burst of changes settles; hidden folders are not rules, so their
 * contents do not count.
 */
class RulesWatcherTest {

    @TempDir
    Path dir;

    private RulesWatcher watcher;
    private ReloadQueue queue;
    /** For each reload asked for: when the first change it loads was seen (as the reloader takes it). */
    private final BlockingQueue<Long> reloads = new LinkedBlockingQueue<>();

    private void watch(Duration debounce) {
        queue = new ReloadQueue(() -> {
            reloads.add(watcher.takeFirstChange());
            return new RulesReloader.Result(true, false, null, List.of());
        }, () -> null, 4);
        watcher = new RulesWatcher(dir, debounce, queue);
        watcher.start();
        assertTrue(watcher.watching());
    }

    @AfterEach
    void stop() {
        if (watcher != null) {
            watcher.stop();
            queue.stop();
        }
    }

    private long awaitReload() throws InterruptedException {
        Long changedAt = reloads.poll(20, TimeUnit.SECONDS);
        assertNotNull(changedAt, "no reload was asked for");
        return changedAt;
    }

    private void assertNoReloadWithin(Duration time) throws InterruptedException {
        assertNull(reloads.poll(time.toMillis(), TimeUnit.MILLISECONDS), "a reload was asked for");
    }

    @Test
    void aBurstOfEditsAsksForOneReloadAfterItSettles() throws Exception {
        Files.createDirectories(dir.resolve("policies"));
        watch(Duration.ofMillis(800));
        long before = System.nanoTime();
        for (int i = 0; i < 20; i++) {
            Files.writeString(dir.resolve("policies/p.drl"), "// version " + i + "\n");
        }
        long changedAt = awaitReload();
        assertTrue(changedAt >= before, "the reload knows when the first change was seen");
        assertTrue(System.nanoTime() - changedAt >= Duration.ofMillis(800).toNanos(), "not before the debounce");
        assertNoReloadWithin(Duration.ofSeconds(2));
        assertEquals(0, watcher.takeFirstChange(), "taken by the reload");
    }

    @Test
    void aFolderCreatedLaterIsWatchedToo() throws Exception {
        Files.createDirectories(dir.resolve("common"));
        watch(Duration.ofMillis(100));
        Files.createDirectories(dir.resolve("common/extra/deeper"));
        awaitReload();
        Files.writeString(dir.resolve("common/extra/deeper/more.drl"), "package common;\n");
        awaitReload();
    }

    @Test
    void aFolderBehindALinkIsWatchedAsItIsRead() throws Exception {
        // a ConfigMap volume: policies -> ..data/policies
        Path version = Files.createDirectories(dir.resolve("..2026_11_22_21_00_00.1/policies"));
        Files.createSymbolicLink(dir.resolve("..data"), version.getParent().getFileName());
        Files.createSymbolicLink(dir.resolve("policies"), Path.of("..data/policies"));
        watch(Duration.ofMillis(100));
        Files.writeString(version.resolve("never.drl"), "package policies.never;\n");
        awaitReload();
    }

    @Test
    void whatChangesInAHiddenFolderIsNoRuleChange() throws Exception {
        watch(Duration.ofMillis(100));
        Files.createDirectories(dir.resolve(".git/objects"));
        awaitReload(); // a new entry in the rules directory itself
        assertNoReloadWithin(Duration.ofMillis(500));
        Files.writeString(dir.resolve(".git/objects/old.drl"), "not a rule");
        Files.writeString(dir.resolve(".git/HEAD"), "ref");
        assertNoReloadWithin(Duration.ofSeconds(1));
        Files.writeString(dir.resolve("visible.drl"), "// a change that counts");
        awaitReload();
    }
}
