package org.triggerhappy.camel.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.triggerhappy.camel.persistence.OutboxClaims.Claimed;
import org.triggerhappy.camel.testsupport.ServiceFixture;

/**
 * Fenced outbox claims on a real PostgreSQL: once another claim replaced a delivery's (its lease ran out), nothing
 * that delivery does changes the item, even when the new claim is by the same holder.
 */
class OutboxFencingTest {
    private static final Duration GONE_AT_ONCE = Duration.ofMillis(1);
    private static final Duration LEASE = Duration.ofMinutes(5);

    @TempDir
    Path dir;
    ServiceFixture fx;
    OutboxClaims records;
    ClaimedOutbox claims;
    OutboxRepository outbox;
    long id;

    @BeforeEach
    void setUp() throws Exception {
        fx = new ServiceFixture(dir, false);
        int user = fx.admin.addUser("fenced", "fenced@example.org");
        int trigger = fx.admin.addTrigger(user, "t", "http://127.0.0.1:9/f.xml", "", "", LocalDate.of(2026, 1, 1));
        fx.execute("INSERT INTO thc_outbox (trigger_id, user_id, feed_url, entry_key, title, not_before)"
                + " VALUES (" + trigger + ", " + user + ", 'http://127.0.0.1:9/f.xml', 'k', 'T', now() - interval '1 s')");
        id = fx.queryInt("SELECT id FROM thc_outbox");
        records = new OutboxClaims(fx.ds);
        claims = new ClaimedOutbox(fx.ds);
        outbox = new OutboxRepository(fx.ds);
    }

    @AfterEach
    void tearDown() {
        fx.close();
    }

    private OutboxClaim claim(String owner, Duration lease, Integer baseline) throws Exception {
        Thread.sleep(5); // past the previous lease
        Claimed c = records.claim(id, owner, lease, baseline).orElseThrow();
        return c.claim();
    }

    @Test
    void a_delivery_whose_lease_ran_out_can_neither_record_reschedule_park_nor_remember_a_count() throws Exception {
        OutboxClaim late = claim("a", GONE_AT_ONCE, null);
        OutboxClaim current = claim("b", LEASE, null);
        assertThat(current.number()).isEqualTo(late.number() + 1);

        assertThat(records.written(late, "guid-late")).isFalse();
        assertThat(claims.deliveredAs(id, "guid-late")).isFalse();
        assertThat(claims.reschedule(late, Instant.now().plusSeconds(600), "late", false)).isFalse();
        assertThat(claims.park(late, "late")).isFalse();
        assertThat(claims.rememberSyncBaseline(late, 41)).isFalse();
        assertThat(fx.queryString("SELECT concat_ws('|', state, claimed_by, claim_no, coalesce(last_error, '-'),"
                + " coalesce(sync_usn::text, '-'), coalesce(note_guid, '-')) FROM thc_outbox"))
                .isEqualTo("pending|b|" + current.number() + "|-|-|-");

        assertThat(claims.rememberSyncBaseline(current, 42)).isTrue();
        assertThat(records.written(current, "guid-b")).isTrue();
        assertThat(claims.deliveredAs(id, "guid-b")).isTrue();
        assertThat(fx.queryString("SELECT state || ' ' || note_guid || ' ' || sync_usn FROM thc_outbox"))
                .isEqualTo("delivered guid-b 42");
        assertThat(fx.queryInt("SELECT counter_ok FROM django_th_triggerservice")).isEqualTo(1);
        assertThat(records.written(current, "guid-b")).as("recorded once").isFalse();
        assertThat(fx.queryInt("SELECT counter_ok FROM django_th_triggerservice")).isEqualTo(1);
    }

    @Test
    void a_new_claim_by_the_same_holder_fences_its_own_old_claim() throws Exception {
        OutboxClaim first = claim("a", GONE_AT_ONCE, null);
        OutboxClaim second = claim("a", LEASE, null);

        assertThat(claims.park(first, "old")).isFalse();
        assertThat(claims.reschedule(second, Instant.now(), "Evernote unavailable", false)).isTrue();
        assertThat(fx.queryString("SELECT state || ' ' || last_error || ' ' || (claimed_by IS NULL) FROM thc_outbox"))
                .isEqualTo("pending Evernote unavailable true");
    }

    @Test
    void the_sweeper_releases_only_the_lease_it_saw() throws Exception {
        claim("a", GONE_AT_ONCE, null);
        OutboxQueries.Lease seen = new OutboxQueries(fx.ds).leases(10).get(0);
        claim("a", LEASE, null);

        assertThat(outbox.releaseInterrupted(seen)).isFalse();
        assertThat(fx.queryString("SELECT claimed_by FROM thc_outbox")).isEqualTo("a");
        assertThat(outbox.releaseInterrupted(new OutboxQueries(fx.ds).leases(10).get(0))).isTrue();
    }

    @Test
    void a_claim_of_several_items_takes_those_it_may_in_the_order_asked_and_fences_each() throws Exception {
        fx.execute("INSERT INTO thc_outbox (trigger_id, user_id, feed_url, entry_key, title, not_before)"
                + " SELECT trigger_id, user_id, feed_url, k, 'T', now() - interval '1 s' FROM thc_outbox,"
                + " (VALUES ('k2'), ('k3'), ('k4')) v(k)");
        fx.execute("INSERT INTO thc_outbox_payload (outbox_id, content) SELECT id, '<p>' || entry_key || '</p>'"
                + " FROM thc_outbox");
        long second = id + 1;
        long held = id + 2;
        long later = id + 3;
        fx.execute("UPDATE thc_outbox SET claimed_by = 'other', claimed_until = now() + interval '5 minutes'"
                + " WHERE id = " + held);
        fx.execute("UPDATE thc_outbox SET not_before = now() + interval '1 hour' WHERE id = " + later);

        java.util.List<Claimed> taken = records.claim(java.util.List.of(second, held, id, later), "a", LEASE, 7);

        assertThat(taken).extracting(c -> c.item().id()).containsExactly(second, id);
        assertThat(taken).extracting(c -> c.item().content().trim()).containsExactly("<p>k2</p>", "<p>k</p>");
        assertThat(taken).allMatch(c -> c.target().isPresent() && c.syncBaseline().orElseThrow() == 7);
        OutboxClaim first = taken.get(0).claim();
        OutboxClaim stale = new OutboxClaim(id, "a", taken.get(1).claim().number() - 1);
        assertThat(claims.rememberSyncBaselines(java.util.List.of(first, stale), 9)).containsExactly(second);

        // An item given back unused: due again at once, the attempt its claim counted undone; a stale claim cannot.
        assertThat(claims.release(stale)).isFalse();
        assertThat(claims.release(first)).isTrue();
        assertThat(fx.queryString("SELECT attempts || ' ' || (claimed_by IS NULL) || ' ' || sync_usn FROM thc_outbox"
                + " WHERE id = " + second)).isEqualTo("0 true 7");
        assertThat(records.claim(second, "b", LEASE, null)).isPresent();
    }

    @Test
    void the_lanes_count_is_stored_at_claim_but_never_over_an_earlier_attempts() throws Exception {
        OutboxClaim first = claim("a", GONE_AT_ONCE, 10);
        assertThat(fx.queryInt("SELECT sync_usn FROM thc_outbox")).isEqualTo(10);
        claim("b", LEASE, 99); // the first attempt may have written a note: its count stays
        assertThat(fx.queryInt("SELECT sync_usn FROM thc_outbox")).isEqualTo(10);
        assertThat(first.owner()).isEqualTo("a");

        fx.execute("UPDATE thc_outbox SET sync_usn = NULL, claimed_until = NULL, claimed_by = NULL, ambiguous = true");
        claim("c", LEASE, 99); // an ambiguous item without a count is not given a later one
        assertThat(fx.queryString("SELECT coalesce(sync_usn::text, 'none') FROM thc_outbox")).isEqualTo("none");
    }
}
