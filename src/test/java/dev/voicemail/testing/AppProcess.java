package dev.voicemail.testing;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;


/** The packaged service as a separate process, for tests that restart it or watch it fail to start. */
public final class AppProcess implements AutoCloseable {

    private final Process process;
    private final Path log;
    public final int port;
    /** The management interface's port, where /q/metrics is served. */
    public final int managementPort;

    private AppProcess(Process process, Path log, int port, int managementPort) {
        this.process = process;
        this.log = log;
        this.port = port;
        this.managementPort = managementPort;
    }

    public static AppProcess start(Path rules, Path data, String... extraArgs) throws IOException {
        return start(rules, data, java.util.Map.of(), extraArgs);
    }

    /** As {@link #start(Path, Path, String...)}, with extra environment variables (e.g. QUARKUS_PROFILE). */
    public static AppProcess start(Path rules, Path data, java.util.Map<String, String> env, String... extraArgs)
            throws IOException {
        String jar = System.getProperty("app.jar", "target/quarkus-app/quarkus-run.jar");
        int port = freePort();
        int managementPort = freePort();
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dquarkus.http.port=" + port,
                "-Dquarkus.management.port=" + managementPort, // metrics: a port of its own, so that several services can run
                "-Dvoicemail.rules.dir=" + rules.toAbsolutePath(),
                "-Dvoicemail.data.dir=" + data.toAbsolutePath(),
                "-Dvoicemail.auth.bootstrap-key=" + Api.KEY));
        cmd.addAll(List.of(extraArgs));
        cmd.addAll(List.of("-jar", jar));
        Path log = Files.createTempFile("app", ".log");
        ProcessBuilder builder = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(env);
        Process p = builder.start();
        return new AppProcess(p, log, port, managementPort);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** Waits until the service answers its health check; false if the process ended first. */
    public boolean awaitReady(Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            if (!process.isAlive()) {
                return false;
            }
            try {
                HttpURLConnection c = (HttpURLConnection) URI.create("http://localhost:" + port + "/q/health/ready").toURL().openConnection();
                c.setConnectTimeout(500);
                if (c.getResponseCode() == 200) {
                    return true;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        return false;
    }

    /** SIGKILL on Linux (Process.destroyForcibly): no shutdown hook runs, nothing is flushed. Returns the exit code. */
    public int kill() throws InterruptedException {
        process.destroyForcibly();
        return process.waitFor();
    }

    /**
     * Kills the service (SIGKILL) while {@code workers} load it: at a moment unrelated to any cycle of the
     * service's own (up to 0.7 s from now), then tells the workers to stop and waits for them.
     *
     * @return the service's exit code (137 for a SIGKILL)
     */
    public int killUnderLoad(AtomicBoolean stop, List<Thread> workers) throws InterruptedException {
        Thread.sleep(System.nanoTime() % 700);
        int exit = kill();
        stop.set(true);
        for (Thread w : workers) {
            w.join(10_000);
        }
        return exit;
    }

    /** One worker of {@link #killWhileLoading}: loads the service until {@code stop} is set. */
    public interface Load {
        void run(int worker, AtomicBoolean stop) throws Exception;
    }

    /**
     * Loads the service from one thread per load until {@code enough} holds (at most 90 s), then kills
     * it under that load ({@link #killUnderLoad}). A load that meets an IOException has seen the
     * service die. Fails when a load failed otherwise, or when the service did not die of the SIGKILL.
     */
    public void killWhileLoading(List<Load> loads, BooleanSupplier enough) throws InterruptedException {
        AtomicBoolean stop = new AtomicBoolean();
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        List<Thread> workers = new ArrayList<>();
        for (int i = 0; i < loads.size(); i++) {
            int worker = i;
            Load load = loads.get(i);
            workers.add(new Thread(() -> {
                try {
                    load.run(worker, stop);
                } catch (IOException e) {
                    // the service died: what was in flight had no answer
                } catch (Throwable e) {
                    failures.add(e);
                }
            }));
        }
        workers.forEach(Thread::start);
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (!enough.getAsBoolean() && System.nanoTime() < deadline && failures.isEmpty()) {
            Thread.sleep(20);
        }
        int exit = killUnderLoad(stop, workers);
        if (!failures.isEmpty()) {
            throw new AssertionError("a load failed: " + failures, failures.get(0));
        }
        if (exit != 137) {
            throw new AssertionError("the service must die of SIGKILL (128 + 9), not shut down; it exited with " + exit);
        }
    }

    /**
     * SIGTERM, as an orchestrator stops a pod, then waits up to {@code grace} for the service to exit, as
     * Kubernetes' default grace period does before its SIGKILL. Returns the exit code; -1 when it had to be killed.
     */
    public int stop(Duration grace) throws InterruptedException {
        process.destroy();
        return awaitExit(grace);
    }

    public int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            return -1;
        }
        return process.exitValue();
    }

    public String output() throws IOException {
        return Files.readString(log);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy(); // SIGTERM: a graceful shutdown, as an orchestrator would stop it
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
