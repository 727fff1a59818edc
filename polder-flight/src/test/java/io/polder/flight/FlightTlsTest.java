package io.polder.flight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Key;
import java.security.KeyStore;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The endpoint with a certificate: the JDBC driver connects over TLS and checks the certificate; plain gRPC is turned away. */
class FlightTlsTest {
    private static final char[] PASSWORD = "store-password".toCharArray();

    @TempDir
    static Path directory;
    static GatewayBackend backend;
    static FlightSqlEndpoint endpoint;
    static Path certificate;

    @BeforeAll
    static void start() throws Exception {
        certificate = directory.resolve("flight.crt");
        Path key = directory.resolve("flight.key");
        selfSigned(certificate, key);
        backend = new GatewayBackend(directory);
        endpoint = FlightSqlEndpoint.start(FlightSettings.loopback(0).withTls(new FlightSettings.Tls(certificate, key)), backend);
    }

    @AfterAll
    static void stop() {
        endpoint.close();
        backend.close();
    }

    /** A certificate for 127.0.0.1 made with the JDK's keytool, written as PEM files. */
    private static void selfSigned(Path certificate, Path key) throws Exception {
        Path store = directory.resolve("flight.p12");
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        String password = new String(PASSWORD);
        run(keytool, "-genkeypair", "-alias", "flight", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=localhost", "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-storetype", "PKCS12",
                "-keystore", store.toString(), "-storepass", password, "-keypass", password);
        run(keytool, "-exportcert", "-rfc", "-alias", "flight", "-keystore", store.toString(), "-storepass", password,
                "-file", certificate.toString());
        KeyStore keyStore = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keyStore.load(in, PASSWORD);
        }
        Key privateKey = keyStore.getKey("flight", PASSWORD);
        assertThat(privateKey.getFormat()).isEqualTo("PKCS#8");
        Files.writeString(key, "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(privateKey.getEncoded())
                + "\n-----END PRIVATE KEY-----\n");
    }

    private static void run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(output).isZero();
    }

    @Test
    void theJdbcDriverQueriesOverTls() throws Exception {
        assertThat(endpoint.location()).startsWith("grpc+tls://");
        try (Connection connection = DriverManager.getConnection("jdbc:arrow-flight-sql://127.0.0.1:" + endpoint.port()
                + "/?useEncryption=true&useSystemTrustStore=false&tlsRootCerts=" + certificate + "&token=" + GatewayBackend.TOKEN);
             Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT count(*) FROM \"customer-profiles/customers\".customers")) {
            assertThat(result.next()).isTrue();
            assertThat(result.getLong(1)).isEqualTo(50);
        }
    }

    @Test
    void plainGrpcIsTurnedAway() {
        assertThatThrownBy(() -> {
            try (Connection connection = DriverManager.getConnection("jdbc:arrow-flight-sql://127.0.0.1:" + endpoint.port()
                    + "/?useEncryption=false&token=" + GatewayBackend.TOKEN);
                 Statement statement = connection.createStatement()) {
                statement.executeQuery("SELECT 1");
            }
        }).isInstanceOf(SQLException.class);
    }
}
