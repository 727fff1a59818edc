package io.polder.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.polder.error.ErrorCode;
import io.polder.error.PolderException;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CredentialsTest {
    @TempDir
    Path workingDirectory;

    @Test
    void defaultsToTheLocalServerAndNoToken() {
        Credentials credentials = Credentials.resolve(null, null, Map.of(), workingDirectory);
        assertThat(credentials.server()).isEqualTo(URI.create("http://127.0.0.1:8080"));
        assertThat(credentials.token()).isNull();
    }

    @Test
    void optionsWinOverTheEnvironment() {
        Map<String, String> environment = Map.of("POLDER_SERVER", "http://registry.example:9000",
                "POLDER_TOKEN", "pld_from_env");
        Credentials fromEnvironment = Credentials.resolve(null, null, environment, workingDirectory);
        assertThat(fromEnvironment.server()).isEqualTo(URI.create("http://registry.example:9000"));
        assertThat(fromEnvironment.token()).isEqualTo("pld_from_env");
        Credentials fromOptions = Credentials.resolve("https://other.example", " pld_option \n", environment, workingDirectory);
        assertThat(fromOptions.server()).isEqualTo(URI.create("https://other.example"));
        assertThat(fromOptions.token()).isEqualTo("pld_option");
    }

    @Test
    void theLocalAdminTokenFileIsAFallbackForALoopbackServerOnly() throws IOException {
        writeAdminToken("pld_admin_secret");
        assertThat(Credentials.resolve(null, null, Map.of(), workingDirectory).token()).isEqualTo("pld_admin_secret");
        assertThat(Credentials.resolve("http://localhost:9000", null, Map.of(), workingDirectory).token())
                .isEqualTo("pld_admin_secret");
        assertThat(Credentials.resolve("http://registry.example", null, Map.of(), workingDirectory).token()).isNull();
        assertThat(Credentials.resolve(null, null, Map.of("POLDER_TOKEN", "pld_env"), workingDirectory).token())
                .isEqualTo("pld_env");
    }

    @Test
    void blankVariablesAndABlankServerOptionCountAsAbsent() {
        Credentials credentials = Credentials.resolve(" ", null, Map.of("POLDER_SERVER", "  ", "POLDER_TOKEN", " "),
                workingDirectory);
        assertThat(credentials.server()).isEqualTo(URI.create(Credentials.DEFAULT_SERVER));
        assertThat(credentials.token()).isNull();
    }

    @Test
    void anEmptyTokenOptionSendsNoToken() throws IOException {
        writeAdminToken("pld_admin_secret");
        assertThat(Credentials.resolve(null, "", Map.of("POLDER_TOKEN", "pld_env"), workingDirectory).token()).isNull();
    }

    @Test
    void theTokenIsNeverInToString() {
        Credentials credentials = Credentials.resolve(null, "pld_very_secret", Map.of(), workingDirectory);
        assertThat(credentials.toString()).doesNotContain("pld_very_secret").contains("***");
    }

    @Test
    void aServerMustBeAnHttpUrl() {
        for (String wrong : new String[] {"127.0.0.1:8080", "ftp://host", "http://", "http://host/?x=1", "not a url"}) {
            assertThatThrownBy(() -> Credentials.resolve(wrong, null, Map.of(), workingDirectory))
                    .isInstanceOf(PolderException.class)
                    .satisfies(e -> assertThat(((PolderException) e).code()).isEqualTo(ErrorCode.INVALID_ARGUMENT));
        }
    }

    private void writeAdminToken(String token) throws IOException {
        Files.createDirectories(workingDirectory.resolve("polder-data"));
        Files.writeString(workingDirectory.resolve("polder-data/admin.token"), token + "\n");
    }
}
