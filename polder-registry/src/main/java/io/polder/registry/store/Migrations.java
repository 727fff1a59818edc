package io.polder.registry.store;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import javax.sql.DataSource;

/**
 * Tells, without Flyway, whether a store already has exactly the migrations this build carries: every
 * versioned migration under {@code db/migration} and the dialect's {@code db/dialect/NAME} applied
 * successfully, with the checksum Flyway computes for it, and nothing else. Then opening the store can skip
 * Flyway, whose start-up (scanning, validating, a few hundred classes) is most of a restart's time. In any
 * other case (a new store, a migration to run, an edited migration, a failed one, a layout this check does not
 * know) Flyway runs and decides, so the check can only save time, never change the outcome.
 */
final class Migrations {
    /** The migrations of both databases. */
    static final String LOCATION = "db/migration";
    /** Beside them, each database's own (triggers, whose syntax differs): {@code db/dialect/sqlite}, ... */
    static final String DIALECT_LOCATION = "db/dialect/";
    private static final Pattern VERSIONED = Pattern.compile("V([0-9][0-9_.]*)__.+\\.sql");

    private Migrations() {
    }

    /** Where Flyway finds the migrations of a store of {@code dialect}: the shared ones and the dialect's own. */
    static List<String> locations(Dialect dialect) {
        return List.of(LOCATION, DIALECT_LOCATION + dialect.name());
    }

    /**
     * Whether Flyway would have nothing to do on {@code dataSource}: the schema is current and intact.
     *
     * @param locations where the migrations are, as {@link #locations(Dialect)}
     */
    static boolean current(DataSource dataSource, List<String> locations) {
        Map<String, Integer> expected = new HashMap<>();
        for (String location : locations) {
            Map<String, Integer> found = onClassPath(location);
            if (found.isEmpty()) {
                return false;
            }
            expected.putAll(found);
        }
        if (expected.isEmpty()) {
            return false;
        }
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(
                     "SELECT version, checksum, success FROM flyway_schema_history WHERE version IS NOT NULL")) {
            Map<String, Integer> applied = new HashMap<>();
            while (rows.next()) {
                if (!rows.getBoolean("success")) {
                    return false;
                }
                int checksum = rows.getInt("checksum");
                applied.put(rows.getString("version"), rows.wasNull() ? null : checksum);
            }
            return applied.equals(expected);
        } catch (SQLException e) {
            return false; // no history table yet, or one this check cannot read: Flyway knows
        }
    }

    /** The versioned migrations this build carries in {@code location}: version (as Flyway writes it) to checksum. */
    static Map<String, Integer> onClassPath(String location) {
        URL folder = Migrations.class.getClassLoader().getResource(location);
        Map<String, Integer> migrations = new HashMap<>();
        if (folder == null) {
            return migrations;
        }
        try {
            switch (folder.getProtocol()) {
                case "file" -> {
                    try (Stream<Path> files = Files.list(Path.of(folder.toURI()))) {
                        for (Path file : files.toList()) {
                            try (InputStream in = Files.newInputStream(file)) {
                                add(migrations, file.getFileName().toString(), in);
                            }
                        }
                    }
                }
                case "jar" -> {
                    JarURLConnection connection = (JarURLConnection) folder.openConnection();
                    connection.setUseCaches(false);
                    try (JarFile jar = connection.getJarFile()) {
                        for (var entry : jar.stream().toList()) {
                            String name = entry.getName();
                            if (!entry.isDirectory() && name.startsWith(location + "/")
                                    && name.indexOf('/', location.length() + 1) < 0) {
                                try (InputStream in = jar.getInputStream(entry)) {
                                    add(migrations, name.substring(location.length() + 1), in);
                                }
                            }
                        }
                    }
                }
                default -> migrations.clear();
            }
        } catch (IOException | URISyntaxException | RuntimeException e) {
            migrations.clear(); // unreadable: let Flyway look
        }
        return migrations;
    }

    private static void add(Map<String, Integer> migrations, String fileName, InputStream in) throws IOException {
        Matcher versioned = VERSIONED.matcher(fileName);
        if (versioned.matches()) {
            migrations.put(versioned.group(1).replace('_', '.'), checksum(in));
        } else if (fileName.endsWith(".sql")) {
            // a repeatable or otherwise named migration: this check does not model it, so it never says current
            migrations.put("?" + fileName, null);
        }
    }

    /**
     * Flyway's checksum of a SQL migration: CRC-32 over the UTF-8 bytes of its lines without their line
     * endings (a leading byte-order mark dropped), as a signed int.
     */
    static int checksum(InputStream in) throws IOException {
        CRC32 crc = new CRC32();
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        boolean first = true;
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            if (first && line.startsWith("\uFEFF")) {
                line = line.substring(1);
            }
            first = false;
            crc.update(line.getBytes(StandardCharsets.UTF_8));
        }
        return (int) crc.getValue();
    }
}
