package org.triggerhappy.camel.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.triggerhappy.camel.testsupport.TestDatabase;

/**
 * Stands in for autovacuum's ANALYZE when the server runs without autovacuum (this project's CI server does): a
 * table filled during a run would otherwise keep the statistics of its empty self, and statements planned on them
 * scan it whole, a cost no production server (autovacuum on by default) pays. Uses autovacuum's own default rule:
 * a table is analysed once more than 50 rows + 10 % of it changed since its last analysis.
 */
final class AutoAnalyze {
    private static final long PERIOD_MS = 2000;
    private static final String DUE = "select relname from pg_stat_user_tables"
            + " where n_mod_since_analyze > 50 + 0.1 * greatest(n_live_tup, 0)";

    private AutoAnalyze() {
    }

    /** Starts the stand-in when the server's autovacuum is off; says which in the returned text. */
    static String startIfNeeded() {
        List<TestDatabase.Db> any = TestDatabase.created();
        TestDatabase.Db probe = any.isEmpty() ? TestDatabase.fresh() : any.get(0);
        try (Connection c = DriverManager.getConnection(probe.url(), probe.user(), probe.password());
             Statement st = c.createStatement(); ResultSet rs = st.executeQuery("show autovacuum")) {
            rs.next();
            if ("on".equals(rs.getString(1))) {
                return "autovacuum on";
            }
        } catch (SQLException e) {
            return "autovacuum unknown (" + e.getMessage() + ")";
        }
        Thread t = new Thread(AutoAnalyze::loop, "bench-autoanalyze");
        t.setDaemon(true);
        t.start();
        return "autovacuum off on the server: the benchmark analyses changed tables every " + PERIOD_MS
                + " ms as autovacuum would";
    }

    private static void loop() {
        while (true) {
            try {
                Thread.sleep(PERIOD_MS);
            } catch (InterruptedException e) {
                return;
            }
            for (TestDatabase.Db db : TestDatabase.created()) {
                analyseDue(db);
            }
        }
    }

    private static void analyseDue(TestDatabase.Db db) {
        try (Connection c = DriverManager.getConnection(db.url(), db.user(), db.password());
             Statement st = c.createStatement()) {
            List<String> due = new ArrayList<>();
            try (ResultSet rs = st.executeQuery(DUE)) {
                while (rs.next()) {
                    due.add(rs.getString(1));
                }
            }
            for (String table : due) {
                st.execute("analyze \"" + table.replace("\"", "\"\"") + "\"");
            }
        } catch (SQLException e) {
            // Dropped or busy database: the next round looks again.
        }
    }
}
