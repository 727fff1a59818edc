package io.polder.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The settings a query's database opens with. */
class GovernedSessionTest {
    @TempDir
    Path directory;

    @Test
    void aQuerysDatabaseHasAsManyAsynchronousIoThreadsAsItsQueryThreadsNotFourPerCore() throws Exception {
        GatewaySettings settings = new GatewaySettings(GatewaySettings.DEFAULT_MAX_SQL_LENGTH, 10, Duration.ofMinutes(1),
                "1GB", 3, directory, "1GB", new byte[16]);
        try (GovernedSession session = GovernedSession.open(settings);
             Statement statement = session.connection().createStatement();
             ResultSet settingsRead = statement.executeQuery(
                     "SELECT current_setting('threads'), current_setting('async_threads')")) {
            settingsRead.next();
            assertThat(settingsRead.getLong(1)).isEqualTo(3);
            assertThat(settingsRead.getLong(2)).isEqualTo(3);
        }
    }
}
