package dev.voicemail.rules;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.jboss.logging.Logger;

/**
 * Watches a rules directory, every folder {@link RulesDirectory} reads included, and asks for a
 * reload once the changes settle: an editor's save or a git checkout is many events, and a
 * Kubernetes ConfigMap update replaces folders under the watch.
 */
final class RulesWatcher {

    private static final Logger LOG = Logger.getLogger(RulesWatcher.class);

    private final Path root;
    private final Duration debounce;
    private final ReloadQueue queue;
    private volatile WatchService watchService;
    private ScheduledFuture<?> debounced; // guarded by this
    private long firstChange;             // guarded by this: nanoTime of the first change not yet loaded, 0 if none

    /** Reloads through {@code queue}, {@code debounce} after the last change seen. */
    RulesWatcher(Path root, Duration debounce, ReloadQueue queue) {
        this.root = root;
        this.debounce = debounce;
        this.queue = queue;
    }

    /** Starts watching on a thread of its own; logs why not when the directory cannot be watched. */
    void start() {
        try {
            WatchService ws = root.getFileSystem().newWatchService();
            watchService = ws;
            register(ws, root);
            Thread t = new Thread(() -> watchLoop(ws), "rules-watch");
            t.setDaemon(true);
            t.start();
            LOG.infof("Watching %s for rule changes (debounce %d ms)", root.toAbsolutePath(), debounce.toMillis());
        } catch (IOException e) {
            LOG.warnf("Cannot watch %s (%s): reload with POST /v1/rules/reload", root.toAbsolutePath(), e.getMessage());
        }
    }

    void stop() {
        WatchService ws = watchService;
        watchService = null;
        if (ws != null) {
            try {
                ws.close();
            } catch (IOException e) {
                LOG.debug("closing the watch service", e);
            }
        }
    }

    boolean watching() {
        return watchService != null;
    }

    /**
     * When the first change not yet loaded was seen ({@link System#nanoTime()}), or 0 when none; the
     * reload that is about to read the files takes it.
     */
    synchronized long takeFirstChange() {
        long at = firstChange;
        firstChange = 0;
        return at;
    }

    /** Watches {@code folder} and the folders below it that {@link RulesDirectory#read} reads. */
    private static void register(WatchService ws, Path folder) throws IOException {
        RulesDirectory.forEachFolder(folder, d -> d.register(ws, StandardWatchEventKinds.ENTRY_CREATE,
                StandardWatchEventKinds.ENTRY_DELETE, StandardWatchEventKinds.ENTRY_MODIFY));
    }

    private void watchLoop(WatchService ws) {
        boolean rootWatched = true;
        while (watchService == ws) {
            try {
                WatchKey key = ws.poll(1, TimeUnit.SECONDS);
                if (key == null) {
                    if (!rootWatched && Files.isDirectory(root)) { // the directory was replaced: watch the new one
                        register(ws, root);
                        rootWatched = true;
                        changed();
                    }
                    continue;
                }
                Path parent = (Path) key.watchable();
                for (WatchEvent<?> event : key.pollEvents()) {
                    if (event.kind() == StandardWatchEventKinds.ENTRY_CREATE && event.context() instanceof Path name) {
                        Path child = parent.resolve(name);
                        if (Files.isDirectory(child) && !RulesDirectory.hidden(child)) {
                            register(ws, child); // a new folder: its files count too
                        }
                    }
                }
                if (!key.reset() && parent.equals(root)) {
                    rootWatched = false;
                }
                changed();
            } catch (ClosedWatchServiceException e) {
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (IOException | RuntimeException e) {
                LOG.warnf("Watching %s: %s", root, e.toString()); // a folder vanished while registering: go on
            }
        }
    }

    /** Asks for a reload {@code debounce} after this change, unless another change comes first. */
    synchronized void changed() {
        if (firstChange == 0) {
            firstChange = System.nanoTime();
        }
        if (debounced != null) {
            debounced.cancel(false);
        }
        debounced = queue.later(queue::requestReload, debounce); // null when shutting down
    }
}
