package org.triggerhappy.camel.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * The start-up floor: the barest JVM that does what every {@code run --once} must do at least — connect to the
 * database with the JDBC driver, run one statement, exit. Reads TH_DB_URL, TH_DB_USER and TH_DB_PASSWORD like the
 * service; prints {@code DB_FLOOR ok=1 ms=…} (main to exit, without the JVM's own start).
 */
public final class DbFloor {
    public static void main(String[] args) throws Exception {
        long t0 = System.nanoTime();
        try (Connection c = DriverManager.getConnection(System.getenv("TH_DB_URL"), System.getenv("TH_DB_USER"),
                System.getenv().getOrDefault("TH_DB_PASSWORD", ""));
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("select 1")) {
            rs.next();
            System.out.println("DB_FLOOR ok=" + rs.getInt(1) + " ms=" + (System.nanoTime() - t0) / 1_000_000);
        }
    }
}
