package io.polder.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Access in a real headless Chromium: a consumer requests access to a port from its product page, the owning
 * domain's owner approves it in the inbox, and the consumer sees the grant. Screenshots go to
 * {@code target/screenshots/access-*.png}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AccessBrowserTest {
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private WebTestServer server;
    private ChromeDriver browser;
    private WebDriverWait wait;

    @BeforeAll
    void start() throws IOException {
        browser = HeadlessChromium.start(Files.createTempDirectory("polder-chromium"));
        wait = new WebDriverWait(browser, Duration.ofSeconds(20));
        server = WebTestServer.start();
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    @Order(1)
    void aConsumerRequestsAccessFromTheProductPage() {
        signIn(server.consumerToken);
        browser.get(server.baseUrl() + "/ui/products/customer-profiles");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("product")));
        browser.findElement(By.linkText("Request access to customers")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("request-form")));
        browser.findElement(By.id("purpose")).sendKeys("churn model");
        WebElement days = browser.findElement(By.id("days"));
        days.clear();
        days.sendKeys("30");
        browser.findElement(By.cssSelector("input[name=unmask][value=email]")).click();
        HeadlessChromium.screenshot(browser, SCREENSHOTS, "access-01-request");
        browser.findElement(By.id("send-request")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("notice")));
        assertThat(browser.findElement(By.id("requests")).getText()).contains("customer-profiles/customers", "pending");
        HeadlessChromium.screenshot(browser, SCREENSHOTS, "access-02-requested");
        browser.findElement(By.id("sign-out")).click();
        wait.until(ExpectedConditions.urlContains("/ui/sign-in"));
    }

    @Test
    @Order(2)
    void theOwnerApprovesItInTheInbox() {
        signIn(server.ownerToken);
        browser.findElement(By.linkText("Access")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#inbox article.request")));
        // the inbox may also hold the request applying customer-360 opened for its team's input port
        WebElement request = browser.findElements(By.cssSelector("#inbox article.request")).stream()
                .filter(article -> article.getText().contains("principal dana")).findFirst().orElseThrow();
        assertThat(request.getText()).contains("customer-profiles/customers", "churn model");
        int pending = browser.findElements(By.cssSelector("#inbox article.request")).size();
        request.findElement(By.name("rowFilter")).sendKeys("country_code = 'NL'");
        HeadlessChromium.screenshot(browser, SCREENSHOTS, "access-03-inbox");
        request.findElement(By.cssSelector("button.approve-button")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("notice")));
        assertThat(browser.findElements(By.cssSelector("#inbox article.request"))).hasSize(pending - 1)
                .noneMatch(article -> article.getText().contains("principal dana"));
        assertThat(browser.findElement(By.id("grants")).getText()).contains("customer-profiles/customers", "dana",
                "country_code = 'NL'", "email", "active");
        HeadlessChromium.screenshot(browser, SCREENSHOTS, "access-04-approved");
        browser.findElement(By.id("sign-out")).click();
        wait.until(ExpectedConditions.urlContains("/ui/sign-in"));
    }

    @Test
    @Order(3)
    void theConsumerSeesTheGrant() {
        signIn(server.consumerToken);
        browser.get(server.baseUrl() + "/ui/access");
        assertThat(browser.findElement(By.id("requests")).getText()).contains("approved");
        assertThat(browser.findElement(By.id("grants")).getText()).contains("customer-profiles/customers", "active");
        assertThat(browser.findElements(By.cssSelector("button.revoke-button"))).isEmpty();
        HeadlessChromium.screenshot(browser, SCREENSHOTS, "access-05-granted");
    }

    private void signIn(String token) {
        browser.get(server.baseUrl() + "/ui/sign-in");
        browser.findElement(By.id("token")).sendKeys(token);
        browser.findElement(By.id("sign-in")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("who")));
    }
}
