package io.polder.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** Reads the version Maven wrote into the distribution. */
public final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() throws IOException {
        Properties properties = new Properties();
        try (InputStream in = VersionProvider.class.getResourceAsStream("/polder-version.properties")) {
            if (in != null) {
                properties.load(in);
            }
        }
        return new String[] {
            "polder " + properties.getProperty("version", "unknown"),
            "Java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")",
            "Standards: ODCS v3.0.x and v3.1.0, ODPS v0.9.0 and v1.0.0; converts DCS 1.2.1"
        };
    }
}
