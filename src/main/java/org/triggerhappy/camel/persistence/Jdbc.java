package org.triggerhappy.camel.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import javax.sql.DataSource;

/** Small JDBC helpers: transactions and null-safe time conversions. */
public final class Jdbc {
    private Jdbc() {
    }

    @FunctionalInterface
    public interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    /** Runs the work in one transaction: all of it is committed, or none of it. */
    public static <T> T inTransaction(DataSource ds, Work<T> work) {
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StorageException(e);
        }
    }

    /** Runs the work on one auto-committed connection. */
    public static <T> T withConnection(DataSource ds, Work<T> work) {
        try (Connection c = ds.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw new StorageException(e);
        }
    }

    /** {@code SELECT 1} on a connection of the pool, bounded by {@code timeoutSeconds} once connected. */
    public static void ping(DataSource ds, int timeoutSeconds) throws SQLException {
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            st.setQueryTimeout(timeoutSeconds);
            st.execute("SELECT 1");
        }
    }

    /** Deletes a trigger's rows from one of the tables keyed by {@code trigger_id}; returns how many went. */
    static int deleteOfTrigger(Connection c, String table, int triggerId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " WHERE trigger_id = ?")) {
            ps.setInt(1, triggerId);
            return ps.executeUpdate();
        }
    }

    public static Timestamp ts(Instant i) {
        return i == null ? null : Timestamp.from(i);
    }

    public static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
