package io.polder.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.polder.registry.PageRequest;
import io.polder.registry.audit.AuditFilter;
import io.polder.registry.auth.Principal;
import io.polder.registry.auth.Role;
import io.polder.server.access.AccessExpiryJob;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Grants lapse by themselves; the server's job reminds the owners once before and records the expiry once after,
 * visible in the owners' inbox and the audit log.
 */
class AccessExpiryTest {
    @Test
    void theOwnersInboxShowsTheReminderAndTheExpiryIsAuditedOnce() {
        MutableClock clock = new MutableClock(Instant.parse("2026-03-02T09:00:00Z"));
        try (TestServer server = TestServer.start(TestDatabase.sqlite(), config -> config, clock)) {
            ApiClient api = server.api();
            assertThat(api.post("/api/v1/apply", server.adminToken(), Meshes.example()).status()).isEqualTo(200);
            String carla = server.token("carla", Role.CONSUMER, null, null);
            String dana = server.token("dana", Role.DOMAIN_OWNER, "sales", null);
            String id = api.post("/api/v1/access/requests", carla, Map.of("port", "sales-orders/orders",
                    "purpose", "forecast", "days", 10)).json().path("id").asText();
            assertThat(api.post("/api/v1/access/requests/" + id + "/approve", dana, Map.of()).status()).isEqualTo(200);
            AccessExpiryJob job = server.server().accessExpiry();
            assertThat(job.runOnce()).isEqualTo(new AccessExpiryJob.Outcome(0, 0));

            clock.advance(Duration.ofDays(5));
            assertThat(job.runOnce()).isEqualTo(new AccessExpiryJob.Outcome(1, 0));
            assertThat(job.runOnce()).isEqualTo(new AccessExpiryJob.Outcome(0, 0));
            JsonNode reminders = api.get("/api/v1/access/inbox", dana).json().path("reminders");
            assertThat(reminders).hasSize(1);
            assertThat(reminders.get(0).path("grantee").asText()).isEqualTo("carla");
            assertThat(reminders.get(0).path("expiresAt").asText()).isEqualTo("2026-03-12T09:00:00Z");
            assertThat(api.get("/api/v1/access/inbox", carla).json().path("reminders")).isEmpty();

            clock.advance(Duration.ofDays(5));
            assertThat(server.registry().access().grantsFor(Principal.consumer("carla"), clock.instant()).active())
                    .isEmpty();
            assertThat(job.runOnce()).isEqualTo(new AccessExpiryJob.Outcome(0, 1));
            assertThat(job.runOnce()).isEqualTo(new AccessExpiryJob.Outcome(0, 0));
            assertThat(server.registry().audit().list(Principal.platformAdmin("check"),
                    AuditFilter.all().withAction("maintain-access"), PageRequest.first()).items())
                    .extracting(event -> event.details().get("event")).containsExactlyInAnyOrder("expiring", "expired");
        }
    }
}
