package io.polder.web;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * What the browser tests share: besides the server, one {@link HeadlessChromium} with a fresh profile for the class
 * (deleted afterwards), whose steps run in their {@code @Order}, one after the other in the same browser; each step
 * may save a screenshot in {@code target/screenshots/}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class ChromiumTest extends WebServerTest {
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    ChromeDriver browser;
    WebDriverWait wait;
    private Path profile;

    @BeforeAll
    void startBrowser() throws IOException {
        profile = Files.createTempDirectory("polder-chromium");
        browser = HeadlessChromium.start(profile);
        wait = new WebDriverWait(browser, Duration.ofSeconds(20));
    }

    @AfterAll
    void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
        deleteProfile();
    }

    /** Saves what the browser shows now as {@code target/screenshots/<name>.png}. */
    void screenshot(String name) {
        HeadlessChromium.screenshot(browser, SCREENSHOTS, name);
    }

    /** Signs in with {@code token} on the sign-in page and waits for the page it leads to. */
    void signIn(String token) {
        browser.get(server.baseUrl() + "/ui/sign-in");
        browser.findElement(By.id("token")).sendKeys(token);
        browser.findElement(By.id("sign-in")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("who")));
    }

    /** Signs out with the button in the page's header and waits for the sign-in page. */
    void signOut() {
        browser.findElement(By.id("sign-out")).click();
        wait.until(ExpectedConditions.urlContains("/ui/sign-in"));
    }

    private void deleteProfile() {
        TestFiles.deleteTree(profile);
    }
}
