package org.triggerhappy.camel.persistence;

import java.sql.SQLException;

/** A database failure; the message carries PostgreSQL's reason and SQL state, never parameter values. */
public class StorageException extends RuntimeException {
    public StorageException(SQLException e) {
        super("database error: " + e.getMessage() + (e.getSQLState() == null ? "" : " (SQL state " + e.getSQLState() + ")"), e);
    }
}
