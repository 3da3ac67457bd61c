package dev.voicemail.db;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;

/**
 * An H2 connection that, as it closes, writes what has been committed to the database file
 * (CHECKPOINT), so that whatever the caller answers after closing it is durable. Every other call
 * goes to the pooled connection. A refused checkpoint fails {@code close()} with a
 * {@link NotCheckpointedException} (503): the caller then answers an error instead of acknowledging a
 * write that may not be in the file, though it is committed.
 *
 * <p>Inside a JTA transaction ({@code QuarkusTransaction}: clients, experiments, mappings) the
 * connection closes before the transaction commits, so the checkpoint runs once the transaction has
 * committed, still before the call that ran it returns (and so before the answer). A checkpoint that
 * fails there cannot undo the commit: it is logged, and the write reaches the file with H2's next
 * background write.
 */
final class DurableConnection implements InvocationHandler {

    private static final Logger LOG = Logger.getLogger(DurableConnection.class);
    private static final Object CHECKPOINT_AFTER_COMMIT = new Object();

    private final Connection pooled;
    private final Counter checkpoints;
    private final TransactionSynchronizationRegistry transactions;
    private final ConnectionSource source;

    /** Where a checkpoint after a JTA commit gets its connection (this one is back in the pool by then). */
    interface ConnectionSource {
        Connection get() throws SQLException;
    }

    private DurableConnection(Connection pooled, Counter checkpoints, TransactionSynchronizationRegistry transactions,
                              ConnectionSource source) {
        this.pooled = pooled;
        this.checkpoints = checkpoints;
        this.transactions = transactions;
        this.source = source;
    }

    static Connection of(Connection pooled, Counter checkpoints, TransactionSynchronizationRegistry transactions,
                         ConnectionSource source) {
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                new DurableConnection(pooled, checkpoints, transactions, source));
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        if (method.getName().equals("close") && method.getParameterCount() == 0) {
            close();
            return null;
        }
        if (method.getDeclaringClass() == Object.class) {
            return switch (method.getName()) {
                case "equals" -> proxy == args[0];
                case "hashCode" -> System.identityHashCode(proxy);
                default -> "durable " + pooled;
            };
        }
        try {
            return method.invoke(pooled, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private void close() throws SQLException {
        if (inTransaction()) {
            pooled.close(); // the transaction manager commits or rolls back after this
            if (transactions.getResource(CHECKPOINT_AFTER_COMMIT) == null) {
                transactions.putResource(CHECKPOINT_AFTER_COMMIT, Boolean.TRUE);
                transactions.registerInterposedSynchronization(new Synchronization() {
                    @Override
                    public void beforeCompletion() {
                    }

                    @Override
                    public void afterCompletion(int status) {
                        if (status == Status.STATUS_COMMITTED) {
                            checkpointAfterCommit();
                        }
                    }
                });
            }
            return;
        }
        try {
            if (pooled.isClosed()) {
                return;
            }
            if (!pooled.getAutoCommit()) {
                pooled.rollback(); // what the caller left uncommitted is not theirs to keep; CHECKPOINT would commit it
            }
            try (Statement s = pooled.createStatement()) {
                s.execute("CHECKPOINT");
            } catch (SQLException e) {
                // committed (or nothing to commit), but maybe not in the file: not to be acknowledged
                LOG.errorf("A committed write was not checkpointed (%s): not acknowledged (503); it reaches the file"
                        + " with H2's next background write", e);
                throw new NotCheckpointedException(e);
            }
            checkpoints.increment();
        } finally {
            pooled.close();
        }
    }

    private boolean inTransaction() {
        int status = transactions == null ? Status.STATUS_NO_TRANSACTION : transactions.getTransactionStatus();
        return status != Status.STATUS_NO_TRANSACTION;
    }

    private void checkpointAfterCommit() {
        try (Connection c = source.get(); Statement s = c.createStatement()) {
            s.execute("CHECKPOINT");
            checkpoints.increment();
        } catch (SQLException | RuntimeException e) {
            LOG.errorf("A committed write was not checkpointed (%s): it reaches the file with H2's next background write", e);
        }
    }
}
