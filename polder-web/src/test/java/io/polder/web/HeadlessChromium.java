package io.polder.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The system's Chromium (Debian's {@code chromium} and {@code chromium-driver}, which {@code .ci/run}
 * installs), driven by Selenium with both paths given, so Selenium Manager never looks for or downloads a
 * browser or driver. Without Chromium the browser tests are skipped, except under {@code CI=true}, where they
 * fail. {@code POLDER_CHROMIUM} and {@code POLDER_CHROMEDRIVER} point elsewhere.
 */
final class HeadlessChromium {
    private HeadlessChromium() {
    }

    static ChromeDriver start(Path userDataDir) {
        Path browser = Path.of(System.getenv().getOrDefault("POLDER_CHROMIUM", "/usr/bin/chromium"));
        Path driver = Path.of(System.getenv().getOrDefault("POLDER_CHROMEDRIVER", "/usr/bin/chromedriver"));
        if (!Files.isExecutable(browser) || !Files.isExecutable(driver)) {
            String missing = "Chromium (" + browser + ") or chromedriver (" + driver + ") is not installed; "
                    + "apt-get install chromium chromium-driver";
            if ("true".equals(System.getenv("CI"))) {
                throw new AssertionError(missing);
            }
            Assumptions.abort(missing);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(browser.toFile());
        // Headless Chromium as root, kept off the (closed) network: no sandbox, no updates, sync or first-run calls.
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-default-apps", "--disable-extensions", "--window-size=1280,1000",
                "--user-data-dir=" + userDataDir.toAbsolutePath());
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(driver.toFile())
                .usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    /** Saves what the browser shows now as {@code <folder>/<name>.png}. */
    static Path screenshot(ChromeDriver browser, Path folder, String name) {
        try {
            Files.createDirectories(folder);
            Path file = folder.resolve(name + ".png");
            Files.write(file, ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
