package dev.tangle.api.admin;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tangle.api.support.ApiTestServer;
import dev.tangle.api.support.SocialFixtures;
import dev.tangle.api.support.TestUser;
import dev.tangle.common.test.HttpTestClient;
import io.nats.client.Nats;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Operators, bans, reports and the audit log against real PostgreSQL and NATS. */
class AdminIT {

    static final String OPERATOR = "op_" + UUID.randomUUID().toString().substring(0, 8);
    static ApiTestServer api;
    static HttpTestClient http;
    static SocialFixtures social;
    static TestUser operator;

    @BeforeAll
    static void start() {
        api = ApiTestServer.start(Map.of("TANGLE_ADMIN_OPERATORS", "someone_else, " + OPERATOR.toUpperCase()));
        http = api.http();
        social = new SocialFixtures(api);
        // registered after start, under exactly the configured handle: an operator from its first admin call
        var res = http.post("/v1/auth/register", Map.of("handle", OPERATOR, "password", "operator-password"), null);
        JsonNode body = res.json();
        operator = new TestUser(UUID.fromString(body.path("user").path("id").asText()), OPERATOR, "operator-password",
                body.path("accessToken").asText(), body.path("refreshToken").asText());
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    private static TestUser user(String base) {
        return api.register(base + "_" + UUID.randomUUID().toString().substring(0, 8));
    }

    private static List<String> auditActions(String targetId) {
        var res = http.get("/v1/admin/audit?limit=200&targetId=" + targetId, operator.accessToken());
        assertThat(res.status()).as(res.toString()).isEqualTo(200);
        List<String> actions = new ArrayList<>();
        res.json().path("items").forEach(i -> actions.add(i.path("action").asText()));
        return actions;
    }

    @Test
    void theAdminApiDoesNotExistForOthers() {
        TestUser someone = user("plain");
        for (String path : List.of("/v1/admin/stats", "/v1/admin/reports", "/v1/admin/audit")) {
            assertThat(http.get(path, someone.accessToken()).status()).as(path).isEqualTo(404);
        }
        assertThat(http.post("/v1/admin/users/" + operator.id() + "/ban", Map.of(), someone.accessToken()).status())
                .isEqualTo(404);
        assertThat(http.get("/v1/admin/stats", null).status()).isEqualTo(401);
    }

    @Test
    void aBanEndsAccessAtOnceAndIsAudited() throws Exception {
        TestUser target = user("banme");
        try (var nats = Nats.connect(api.env().get("TANGLE_NATS_URL"))) {
            CompletableFuture<String> revoked = new CompletableFuture<>();
            var dispatcher = nats.createDispatcher(m -> revoked.complete(m.getSubject()));
            dispatcher.subscribe("tangle.evt.user." + target.id() + ".tokens.revoked");
            nats.flush(Duration.ofSeconds(2));

            assertThat(http.get("/v1/users/me", target.accessToken()).status()).isEqualTo(200);
            var ban = http.post("/v1/admin/users/" + target.id() + "/ban", Map.of("reason", "spam"), operator.accessToken());
            assertThat(ban.status()).as(ban.toString()).isEqualTo(204);
            // the socket-servers close the user's sockets on this event (EventRouter)
            assertThat(revoked.get(5, TimeUnit.SECONDS)).endsWith(".tokens.revoked");
        }
        assertThat(http.get("/v1/users/me", target.accessToken()).status()).isEqualTo(401);
        assertThat(http.post("/v1/auth/refresh", Map.of("refreshToken", target.refreshToken()), null).status()).isEqualTo(401);
        var login = http.post("/v1/auth/login", Map.of("handle", target.handle(), "password", target.password()), null);
        assertThat(login.status()).isEqualTo(403);

        assertThat(http.delete("/v1/admin/users/" + target.id() + "/ban", operator.accessToken()).status()).isEqualTo(204);
        var again = http.post("/v1/auth/login", Map.of("handle", target.handle(), "password", target.password()), null);
        assertThat(again.status()).isEqualTo(200);
        assertThat(http.get("/v1/users/me", again.json().path("accessToken").asText()).status()).isEqualTo(200);

        assertThat(auditActions(target.id().toString())).contains("admin.ban", "admin.unban",
                "auth.login_refused_banned", "auth.login");
        var rows = http.get("/v1/admin/audit?action=admin.ban&targetId=" + target.id(), operator.accessToken()).json();
        JsonNode row = rows.path("items").get(0);
        assertThat(row.path("actorId").asText()).isEqualTo(operator.id().toString());
        assertThat(row.path("ip").asText()).isEqualTo("127.0.0.1");
        assertThat(row.path("detail").path("reason").asText()).isEqualTo("spam");
    }

    @Test
    void securityActionsLeaveAuditRowsThatCannotBeChanged() throws SQLException {
        TestUser u = user("audited");
        assertThat(http.post("/v1/auth/login", Map.of("handle", u.handle(), "password", "wrong-password"), null).status())
                .isEqualTo(401);
        // refresh once, then present the spent token again: reuse
        var first = http.post("/v1/auth/refresh", Map.of("refreshToken", u.refreshToken()), null);
        assertThat(first.status()).isEqualTo(200);
        assertThat(http.post("/v1/auth/refresh", Map.of("refreshToken", u.refreshToken()), null).status()).isEqualTo(401);
        assertThat(http.post("/v1/auth/logout-all", Map.of(), u.accessToken()).status()).isEqualTo(204);
        assertThat(auditActions(u.id().toString())).contains("auth.login_failed", "auth.refresh_reuse", "auth.logout_all");

        try (Connection db = social.connect()) {
            db.createStatement().execute("SET search_path TO api");
            assertThatThrownBy(() -> db.createStatement().execute("UPDATE audit_log SET action = 'x'"))
                    .hasMessageContaining("append-only");
            assertThatThrownBy(() -> db.createStatement().execute("DELETE FROM audit_log"))
                    .hasMessageContaining("append-only");
        }
    }

    @Test
    void reportsReachTheQueueAndOperatorsDeleteContent() {
        TestUser author = user("author");
        TestUser reporter = user("reporter");
        var post = http.post("/v1/posts", Map.of("text", "something bad", "visibility", "public"), author.accessToken());
        String postId = post.json().path("id").asText();
        var report = http.post("/v1/reports", Map.of("targetKind", "post", "targetId", postId, "reason", "abuse"),
                reporter.accessToken());
        assertThat(report.status()).as(report.toString()).isEqualTo(201);
        String reportId = report.json().path("id").asText();
        assertThat(http.post("/v1/reports", Map.of("targetKind", "post", "targetId", postId, "reason", "again"),
                reporter.accessToken()).json().path("id").asText()).isEqualTo(reportId);
        var bad = http.post("/v1/reports", Map.of("targetKind", "planet", "targetId", postId, "reason", "x"),
                reporter.accessToken());
        assertThat(bad.json().path("errors").get(0).path("field").asText()).isEqualTo("targetKind");

        List<String> open = new ArrayList<>();
        http.get("/v1/admin/reports?status=open&limit=200", operator.accessToken()).json().path("items")
                .forEach(i -> open.add(i.path("id").asText()));
        assertThat(open).contains(reportId);
        assertThat(http.delete("/v1/admin/content/posts/" + postId, operator.accessToken()).status()).isEqualTo(204);
        assertThat(http.get("/v1/posts/" + postId, author.accessToken()).status()).isEqualTo(404);
        var handled = http.patch("/v1/admin/reports/" + reportId, Map.of("status", "resolved"), operator.accessToken());
        assertThat(handled.json().path("status").asText()).isEqualTo("resolved");
        assertThat(auditActions(postId)).contains("admin.content_deleted");
        assertThat(auditActions(reportId)).contains("admin.report_resolved");
    }

    @Test
    void statsShowTheSystem() {
        JsonNode stats = http.get("/v1/admin/stats", operator.accessToken()).json();
        assertThat(stats.path("users").asLong()).isPositive();
        assertThat(stats.has("messagesLastDay")).isTrue();
        assertThat(stats.has("outboxPending")).isTrue();
        assertThat(stats.path("consumers").isArray()).isTrue();
    }
}
