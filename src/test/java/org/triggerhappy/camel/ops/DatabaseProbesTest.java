package org.triggerhappy.camel.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.triggerhappy.camel.persistence.Migrations;
import org.triggerhappy.camel.testsupport.TestDatabase;

/** The readiness check and the backlog gauges' query on a real PostgreSQL, up and gone. */
class DatabaseProbesTest {
    HikariDataSource ds;

    @BeforeEach
    void setUp() {
        TestDatabase.Db db = TestDatabase.fresh();
        ds = new HikariDataSource();
        ds.setJdbcUrl(db.url());
        ds.setUsername(db.user());
        ds.setPassword(db.password());
        ds.setMaximumPoolSize(2);
        Migrations.migrate(ds);
    }

    @AfterEach
    void tearDown() {
        ds.close();
    }

    @Test
    void the_database_check_is_a_readiness_check_that_goes_down_with_the_database() {
        DatabaseHealthCheck check = new DatabaseHealthCheck(ds, Duration.ofSeconds(2));
        check.setCamelContext(new DefaultCamelContext());
        assertThat(check.isReadiness()).isTrue();
        assertThat(check.isLiveness()).isFalse();
        assertThat(check.call().getState()).isEqualTo(HealthCheck.State.UP);

        ds.close();
        HealthCheck.Result down = check.call();
        assertThat(down.getState()).isEqualTo(HealthCheck.State.DOWN);
        assertThat(down.getMessage()).hasValueSatisfying(m -> assertThat(m).startsWith("the database is unavailable"));
    }

    @Test
    void the_backlog_is_read_once_per_period_and_unknown_when_the_database_is_gone() throws Exception {
        BacklogProbe cached = new BacklogProbe(ds, Duration.ofHours(1));
        BacklogProbe fresh = new BacklogProbe(ds, Duration.ZERO);
        assertThat(cached.current()).isEqualTo(new BacklogProbe.Backlog(0, 0, 0));

        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            st.execute("INSERT INTO thc_outbox (trigger_id, user_id, entry_key, feed_url, created_at) VALUES"
                    + " (1, 1, repeat('a', 64), 'http://x', now() - interval '90 seconds'),"
                    + " (1, 1, repeat('b', 64), 'http://x', now()),"
                    + " (1, 1, repeat('c', 64), 'http://x', now() - interval '1 day')");
            st.execute("UPDATE thc_outbox SET state = 'delivered' WHERE entry_key = repeat('c', 64)");
            st.execute("INSERT INTO thc_user_pause (user_id, kind, token_hash, reason) VALUES (1, 'auth', repeat('0', 64), 'x')");
            st.execute("INSERT INTO thc_user_pause (user_id, kind, paused_until, reason) VALUES"
                    + " (2, 'rate_limit', now() + interval '1 hour', 'x'), (3, 'rate_limit', now() - interval '1 hour', 'x')");
        }

        assertThat(cached.current()).isEqualTo(new BacklogProbe.Backlog(0, 0, 0));
        BacklogProbe.Backlog b = fresh.current();
        assertThat(b.pending()).isEqualTo(2);
        assertThat(b.oldestSeconds()).isBetween(90.0, 150.0);
        assertThat(b.pausedUsers()).isEqualTo(2); // the token pause and the rate limit still running

        ds.close();
        BacklogProbe.Backlog gone = fresh.current();
        assertThat(gone.pending()).isNaN();
        assertThat(gone.pausedUsers()).isNaN();
    }
}
