package dev.voicemail.db;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.transaction.TransactionSynchronizationRegistry;

import org.jboss.logging.Logger;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.arc.InjectableInstance;
import io.quarkus.runtime.StartupEvent;

/**
 * The one active datasource: embedded H2 by default, PostgreSQL under the {@code postgres} profile.
 * Both are built in because a datasource's kind is fixed at build time; configuration activates one
 * of them at start-up (see application.properties), so the same jar runs on either.
 * <p>
 * It also knows whether the database is reachable. A failure that means "unreachable or too slow"
 * becomes a {@link DatabaseUnavailableException} (503); a connection-level one opens an outage,
 * during which the caches serve the last copy they read ({@link #servedLastCopy}) instead of
 * waiting for a database that is known to be away, and a probe looks for its return every
 * half second, so that recovery needs no restart.
 */
@ApplicationScoped
public class Database {

    private static final Logger LOG = Logger.getLogger(Database.class);
    /** SQL states that mean "not now" rather than "wrong": time-outs, lock waits, shutdown, lack of resources. */
    private static final Set<String> TRANSIENT = Set.of("57014", "55P03", "40001", "40P01", "HYT00", "90098", "90121");

    private record Outage(long since, String cause, AtomicBoolean lastCopyLogged, AtomicLong lastCopies) {
    }

    private final AgroalDataSource dataSource;
    private final AtomicReference<Outage> outage = new AtomicReference<>();
    private final Counter lastCopyClients;
    private final Counter lastCopyKeys;
    private final Counter unavailable;
    private ScheduledExecutorService prober;
    /** Null until known: see {@link #durability}. */
    private volatile Boolean checkpointing;
    private final Counter checkpoints;
    private final TransactionSynchronizationRegistry transactions;

    public Database(@Any InjectableInstance<AgroalDataSource> dataSources, MeterRegistry registry,
                    TransactionSynchronizationRegistry transactions) {
        this.dataSource = dataSources.getActive();
        this.transactions = transactions;
        this.lastCopyClients = lastCopies(registry, "client");
        this.lastCopyKeys = lastCopies(registry, "key");
        this.unavailable = Counter.builder("voicemail.database.unavailable")
                .description("Database calls that failed for want of a database (answered 503, or served from a last copy)")
                .register(registry);
        this.checkpoints = Counter.builder("voicemail.database.checkpoints")
                .description("H2 checkpoints run so that an acknowledged write is in the file before it is answered")
                .register(registry);
        Gauge.builder("voicemail.database.available", this, d -> d.outage.get() == null ? 1 : 0)
                .description("1 while the database answers, 0 during an outage").register(registry);
    }

    private static Counter lastCopies(MeterRegistry registry, String kind) {
        return Counter.builder("voicemail.database.last.copy")
                .description("Reads answered from this replica's last copy because the database was unavailable")
                .tag("kind", kind).register(registry);
    }

    /**
     * A pooled connection for work someone waits on: on the embedded H2, a write committed through
     * it is in the database file before {@code close()} returns (see {@link #durability}), so a write
     * answered 2xx survives a kill -9. {@link DatabaseUnavailableException} when none can be had within
     * the acquisition time-out (whatever the driver calls the failure, it means the database is away).
     */
    public Connection connection() throws SQLException {
        Connection c = pooled();
        return checkpointing(c) ? DurableConnection.of(c, checkpoints, transactions, this::pooled) : c;
    }

    /**
     * A pooled connection for reads, and for writes nobody waits on (the decision log's asynchronous
     * entries, derived outcomes): on H2 such writes reach the file with its next background write,
     * within its WRITE_DELAY, together with everything else written meanwhile, instead of one file
     * write per commit.
     */
    public Connection lazyConnection() throws SQLException {
        return pooled();
    }

    private Connection pooled() throws SQLException {
        try {
            Connection c = dataSource.getConnection();
            if (outage.get() != null && c.isValid(1)) {
                up(); // answered a request during an outage: no need to wait for the probe
            }
            return c;
        } catch (SQLException e) {
            unavailable.increment();
            down(e);
            throw new DatabaseUnavailableException("cannot get a database connection", e);
        }
    }

    /** 23505: unique violation, in both H2 and PostgreSQL. */
    public static boolean isDuplicateKey(SQLException e) {
        return "23505".equals(e.getSQLState());
    }

    /** True during an outage: a connection-level failure, not yet followed by a successful probe. */
    public boolean isDown() {
        return outage.get() != null;
    }

    /**
     * The exception to throw for a failed database call: {@link DatabaseUnavailableException} when the
     * database is unreachable, timed out or shutting down (answered 503, retried later), an
     * {@link IllegalStateException} (a 500: a fault of ours) otherwise.
     */
    public RuntimeException failure(String what, Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof DatabaseUnavailableException known) {
                return known;
            }
        }
        SQLException sql = sqlCause(e);
        if (sql == null || !transientFailure(sql)) {
            return e instanceof RuntimeException r && sql == null ? r : new IllegalStateException(what, e);
        }
        unavailable.increment();
        if (connectionFailure(sql)) {
            down(sql);
        }
        return new DatabaseUnavailableException(what, e);
    }

    /** A read answered from a last copy (kind: client or key); counted, and logged once per outage. */
    public void servedLastCopy(String kind) {
        (kind.equals("key") ? lastCopyKeys : lastCopyClients).increment();
        Outage o = outage.get();
        if (o != null) {
            o.lastCopies.incrementAndGet();
            if (o.lastCopyLogged.compareAndSet(false, true)) {
                LOG.warnf("The database is unavailable: answering decisions and key checks from this replica's last copies"
                        + " of clients and keys (counted in voicemail_database_last_copy_total), everything else with 503");
            }
        }
    }

    private void down(SQLException cause) {
        Outage fresh = new Outage(System.nanoTime(), cause.getClass().getSimpleName() + ": " + cause.getMessage(),
                new AtomicBoolean(), new AtomicLong());
        if (outage.compareAndSet(null, fresh)) {
            LOG.errorf("The database is unavailable (%s); probing it every 500 ms", fresh.cause);
            startProbing();
        }
    }

    private synchronized void startProbing() {
        if (prober == null) {
            prober = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "database-probe");
                t.setDaemon(true);
                return t;
            });
        }
        prober.schedule(this::probe, 500, TimeUnit.MILLISECONDS);
    }

    private void up() {
        Outage o = outage.getAndSet(null);
        if (o != null) {
            LOG.infof("The database is available again after %d ms (%d reads were answered from last copies meanwhile)",
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - o.since), o.lastCopies.get());
        }
    }

    private void probe() {
        if (outage.get() == null) {
            return;
        }
        try (Connection c = dataSource.getConnection()) {
            if (c.isValid(1)) {
                up();
                return;
            }
            LOG.debug("Database probe: the connection is not valid");
        } catch (SQLException | RuntimeException e) {
            LOG.debugf("Database probe: %s", e); // still away: try again
        }
        synchronized (this) {
            if (prober != null && !prober.isShutdown()) {
                prober.schedule(this::probe, 500, TimeUnit.MILLISECONDS);
            }
        }
    }

    @PreDestroy
    synchronized void stop() {
        if (prober != null) {
            prober.shutdownNow();
        }
    }

    /**
     * How acknowledged writes reach the file, decided once, at start-up (or on the first connection).
     * PostgreSQL: every commit is durable. H2 writes commits to its file in the background, every
     * WRITE_DELAY ms (the shipped URL: 20), so a kill -9 could lose writes already answered; a
     * {@link #connection()} therefore runs CHECKPOINT (H2's "write what is committed now") as it
     * closes. Before, the URL set WRITE_DELAY=0 instead: every commit, each of the decision log's
     * batches included, was a chunk of the file of its own, and without its background thread H2 never
     * compacts them: under sustained load their metadata filled the heap (bench/NOTES.md, "December 5").
     * Where CHECKPOINT is refused (it needs H2's admin right, which the creator of an embedded database
     * has), every commit is written through as before.
     */
    void durability(@Observes StartupEvent start) {
        try (Connection c = pooled()) {
            checkpointing(c);
        } catch (SQLException | RuntimeException e) {
            LOG.warnf("Cannot check the database's durability settings now (%s): checked on first use", e.toString());
        }
    }

    /** True when connections for acknowledged writes must checkpoint as they close (H2 with a write delay). */
    private boolean checkpointing(Connection c) throws SQLException {
        Boolean known = checkpointing;
        if (known != null) {
            return known;
        }
        synchronized (this) {
            if (checkpointing == null) {
                checkpointing = decideCheckpointing(c);
            }
            return checkpointing;
        }
    }

    private static boolean decideCheckpointing(Connection c) throws SQLException {
        if (!"H2".equals(c.getMetaData().getDatabaseProductName())) {
            return false;
        }
        String delay;
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = 'WRITE_DELAY'")) {
            delay = rs.next() ? rs.getString(1) : null;
        }
        if ("0".equals(delay)) {
            LOG.warn("H2 writes every commit to its file (WRITE_DELAY=0): durable, but H2 then never compacts it; under"
                    + " sustained writes its chunks' metadata grows in the heap and the file by kilobytes a decision."
                    + " The shipped URL sets WRITE_DELAY=20, and acknowledged writes are checkpointed");
            return false;
        }
        try (Statement s = c.createStatement()) {
            s.execute("CHECKPOINT");
            LOG.infof("H2 writes commits to its file every %s ms; acknowledged writes are checkpointed before they are answered",
                    delay);
            return true;
        } catch (SQLException e) {
            try (Statement s = c.createStatement()) {
                s.execute("SET WRITE_DELAY 0");
            }
            LOG.warnf("H2 refused CHECKPOINT (%s): every commit is written to the file (WRITE_DELAY=0) instead", e.getMessage());
            return false;
        }
    }

    private static SQLException sqlCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s) {
                return s;
            }
        }
        return null;
    }

    /** Unreachable, timed out, shutting down, out of resources, or locked for too long. */
    static boolean transientFailure(SQLException e) {
        String state = e.getSQLState();
        return connectionFailure(e) || e instanceof SQLTimeoutException
                || state != null && (TRANSIENT.contains(state) || state.startsWith("53"));
    }

    /** The connection itself failed: the database is away, not just busy. */
    static boolean connectionFailure(SQLException e) {
        String state = e.getSQLState();
        // Agroal's own failures (acquisition time-out, pool closed) carry no SQL state; every failure
        // of a statement the database ran does.
        return state == null || state.startsWith("08") || state.startsWith("57P")
                || e instanceof SQLTransientConnectionException || e instanceof SQLNonTransientConnectionException
                || e instanceof SQLRecoverableException || "90098".equals(state) || "90121".equals(state);
    }
}
