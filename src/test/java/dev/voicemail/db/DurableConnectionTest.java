package dev.voicemail.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * What makes an acknowledged write durable on H2: the connection it was written through runs
 * CHECKPOINT as it closes, and a refused checkpoint fails the close, so that the caller answers an
 * error instead of acknowledging. Against a fake pooled connection that records what it is asked to do.
 */
class DurableConnectionTest {

    /** H2's answer to a CHECKPOINT from a user without the admin right. */
    private static final SQLException REFUSED = new SQLException("Admin rights are required for this operation", "90040", 90040);

    private final Counter checkpoints = Counter.builder("checkpoints").register(new SimpleMeterRegistry());

    @Test
    void aRefusedCheckpointFailsTheCloseAndStillReturnsTheConnectionToThePool() {
        FakeConnection pooled = new FakeConnection(REFUSED);
        Connection durable = DurableConnection.of(pooled.proxy(), checkpoints, null, unused());

        NotCheckpointedException thrown = assertThrows(NotCheckpointedException.class, durable::close,
                "a write that may not be in the file must not be acknowledged (503, not a fault of ours)");

        assertSame(REFUSED, thrown.getCause(), "the database's own refusal is its cause");
        assertTrue(pooled.closed, "the pooled connection is closed all the same, or the pool leaks one per refusal");
        assertEquals(0, checkpoints.count(), "a refused checkpoint is not counted");
    }

    @Test
    void whatTheCallerLeftUncommittedIsRolledBackBeforeTheCheckpoint() throws SQLException {
        FakeConnection pooled = new FakeConnection(null);
        pooled.autoCommit = false;
        Connection durable = DurableConnection.of(pooled.proxy(), checkpoints, null, unused());

        durable.close();

        // CHECKPOINT commits the session's open transaction: a write the caller abandoned would be kept
        assertEquals(List.of("rollback", "CHECKPOINT", "close"), pooled.calls);
    }

    @Test
    void aCommittedWriteIsCheckpointedOnceAsItsConnectionCloses() throws SQLException {
        FakeConnection pooled = new FakeConnection(null);
        Connection durable = DurableConnection.of(pooled.proxy(), checkpoints, null, unused());

        durable.close();
        durable.close(); // try-with-resources and a finally block may both close it

        assertEquals(1, pooled.checkpoints(), "no rollback with auto-commit on, one CHECKPOINT: " + pooled.calls);
        assertEquals("CHECKPOINT", pooled.calls.get(0));
        assertTrue(pooled.closed);
        assertEquals(1, checkpoints.count(), "voicemail_database_checkpoints_total counts it");
    }

    @Test
    void insideATransactionTheCheckpointWaitsForTheCommit() throws SQLException {
        FakeTransactions transaction = new FakeTransactions();
        FakeConnection pooled = new FakeConnection(null);
        FakeConnection other = new FakeConnection(null);
        List<FakeConnection> afterCommit = new ArrayList<>();
        DurableConnection.ConnectionSource source = () -> {
            FakeConnection c = new FakeConnection(null);
            afterCommit.add(c);
            return c.proxy();
        };

        DurableConnection.of(pooled.proxy(), checkpoints, transaction, source).close();
        DurableConnection.of(other.proxy(), checkpoints, transaction, source).close();

        // not committed yet: a checkpoint now would write nothing of this transaction
        assertEquals(List.of("close"), pooled.calls, "returned to the pool for the transaction manager to commit");
        assertEquals(List.of("close"), other.calls);
        assertEquals(1, transaction.synchronizations.size(), "one checkpoint per transaction, however many connections it used");
        assertTrue(afterCommit.isEmpty());

        transaction.complete(Status.STATUS_COMMITTED);

        assertEquals(1, afterCommit.size());
        assertEquals(List.of("CHECKPOINT", "close"), afterCommit.get(0).calls, "through a connection of its own, given back");
        assertEquals(1, checkpoints.count());
    }

    @Test
    void aRolledBackTransactionIsNotCheckpointed() throws SQLException {
        FakeTransactions transaction = new FakeTransactions();
        FakeConnection pooled = new FakeConnection(null);
        FakeConnection afterCompletion = new FakeConnection(null);

        DurableConnection.of(pooled.proxy(), checkpoints, transaction, afterCompletion::proxy).close();
        transaction.complete(Status.STATUS_ROLLEDBACK);

        assertEquals(List.of("close"), pooled.calls);
        assertEquals(List.of(), afterCompletion.calls, "nothing was written: nothing to checkpoint");
        assertEquals(0, checkpoints.count());
    }

    @Test
    void aCheckpointRefusedAfterTheCommitIsLoggedNotThrown() throws SQLException {
        FakeTransactions transaction = new FakeTransactions();
        FakeConnection refusing = new FakeConnection(REFUSED);

        DurableConnection.of(new FakeConnection(null).proxy(), checkpoints, transaction, refusing::proxy).close();
        transaction.complete(Status.STATUS_COMMITTED); // would throw out of the transaction manager's afterCompletion

        assertEquals(List.of("CHECKPOINT", "close"), refusing.calls, "it was tried, and its connection given back");
        assertEquals(0, checkpoints.count());
    }

    /** A source for tests in which no checkpoint may run after a commit. */
    private static DurableConnection.ConnectionSource unused() {
        return () -> {
            throw new AssertionError("no connection was expected after the transaction");
        };
    }

    /** A pooled connection that records rollback, CHECKPOINT and close, and may refuse CHECKPOINT. */
    private static final class FakeConnection {
        final List<String> calls = new ArrayList<>();
        final SQLException checkpointFailure;
        boolean autoCommit = true;
        boolean closed;

        FakeConnection(SQLException checkpointFailure) {
            this.checkpointFailure = checkpointFailure;
        }

        long checkpoints() {
            return calls.stream().filter("CHECKPOINT"::equals).count();
        }

        Connection proxy() {
            return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                    (p, method, args) -> switch (method.getName()) {
                        case "isClosed" -> closed;
                        case "getAutoCommit" -> autoCommit;
                        case "rollback" -> {
                            calls.add("rollback");
                            yield null;
                        }
                        case "close" -> {
                            calls.add("close");
                            closed = true;
                            yield null;
                        }
                        case "createStatement" -> statement();
                        default -> throw new UnsupportedOperationException(method.getName());
                    });
        }

        private Statement statement() {
            return (Statement) Proxy.newProxyInstance(Statement.class.getClassLoader(), new Class<?>[] {Statement.class},
                    (p, method, args) -> switch (method.getName()) {
                        case "execute" -> {
                            calls.add((String) args[0]);
                            if (checkpointFailure != null) {
                                throw checkpointFailure;
                            }
                            yield false;
                        }
                        case "close" -> null;
                        default -> throw new UnsupportedOperationException(method.getName());
                    });
        }
    }

    /** One active JTA transaction, completed by the test as the transaction manager would. */
    private static final class FakeTransactions implements TransactionSynchronizationRegistry {
        final Map<Object, Object> resources = new HashMap<>();
        final List<Synchronization> synchronizations = new ArrayList<>();
        int status = Status.STATUS_ACTIVE;

        void complete(int outcome) {
            synchronizations.forEach(Synchronization::beforeCompletion);
            status = outcome;
            synchronizations.forEach(s -> s.afterCompletion(outcome));
        }

        @Override
        public Object getTransactionKey() {
            return this;
        }

        @Override
        public void putResource(Object key, Object value) {
            resources.put(key, value);
        }

        @Override
        public Object getResource(Object key) {
            return resources.get(key);
        }

        @Override
        public void registerInterposedSynchronization(Synchronization sync) {
            synchronizations.add(sync);
        }

        @Override
        public int getTransactionStatus() {
            return status;
        }

        @Override
        public void setRollbackOnly() {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean getRollbackOnly() {
            return false;
        }
    }
}
