package org.triggerhappy.camel.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.triggerhappy.camel.testsupport.Rss;
import org.triggerhappy.camel.testsupport.ServiceFixture;

/**
 * Both HTTP servers of a running service with TH_HTTP_USER/TH_HTTP_PASSWORD: every route, known or not, answers
 * 401 without the password (or with a wrong one) and its usual answer with it; only the bare probes stay open.
 */
class HttpAccessTest {
    private static final String USER = "ops";
    private static final String PASSWORD = "s3cr3t pässword";

    @TempDir
    Path dataDir;
    ServiceFixture f;

    @BeforeEach
    void setUp() throws Exception {
        f = new ServiceFixture(dataDir, true);
        int alice = f.admin.addUser("alice", "a@example.org");
        f.admin.addTrigger(alice, "Alice", f.feeds.put("/alice", Rss.feed().xml()), "", "", LocalDate.now());
        f.set("th.http.user", USER).set("th.http.password", PASSWORD);
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    @Test
    void every_route_but_the_probes_needs_the_password() throws Exception {
        try (RunningService s = new RunningService(f)) {
            String good = basic(USER, PASSWORD);
            String wrong = basic(USER, PASSWORD + "x");
            // Path -> status with the right password. Unknown paths too: the guard runs before routing.
            List<Object[]> status = List.of(
                    new Object[] {"/", 200}, new Object[] {"/index.html", 404}, new Object[] {"/observe", 404});
            List<Object[]> management = List.of(
                    new Object[] {"/observe/metrics", 200},
                    new Object[] {"/observe/health", 200},
                    new Object[] {"/observe/health?exposureLevel=full", 200},
                    new Object[] {"/observe/health/live?exposureLevel=full", 200},
                    new Object[] {"/observe/health/ready?exposureLevel=full", 200},
                    new Object[] {"/observe/health/live/../../metrics", 200},
                    new Object[] {"/observe//metrics", 200},
                    new Object[] {"/observe/info", 404},
                    new Object[] {"/observe/jolokia", 404},
                    new Object[] {"/observe/", 404},
                    new Object[] {"/observe", 404},
                    new Object[] {"/", 404},
                    new Object[] {"/q/dev", 404});
            check(s.httpPort, status, good, wrong);
            check(s.managementPort, management, good, wrong);

            for (String probe : List.of("/observe/health/live", "/observe/health/ready")) {
                HttpResponse<String> r = RunningService.get(s.managementPort, probe);
                assertThat(r.statusCode()).as(probe).isEqualTo(200);
                assertThat(r.body()).contains("UP").doesNotContain("database");
            }
            assertThat(RunningService.get(s.managementPort, "/observe/health?exposureLevel=full", good).body())
                    .contains("database");
            assertThat(RunningService.get(s.httpPort, "/", good).body()).contains("TriggerHappy Camel status");
            HttpResponse<String> denied = RunningService.get(s.httpPort, "/");
            assertThat(denied.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v)
                    .startsWith("Basic realm="));
            assertThat(denied.body()).doesNotContain("alice");
        }
    }

    private static void check(int port, List<Object[]> routes, String good, String wrong) {
        for (Object[] route : routes) {
            String path = (String) route[0];
            assertThat(RunningService.get(port, path).statusCode()).as("%d%s without credentials", port, path)
                    .isEqualTo(401);
            assertThat(RunningService.get(port, path, wrong).statusCode()).as("%d%s wrong password", port, path)
                    .isEqualTo(401);
            assertThat(RunningService.get(port, path, "Bearer " + PASSWORD).statusCode()).as("%d%s bearer", port, path)
                    .isEqualTo(401);
            assertThat(RunningService.get(port, path, good).statusCode()).as("%d%s with credentials", port, path)
                    .isEqualTo(route[1]);
        }
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
