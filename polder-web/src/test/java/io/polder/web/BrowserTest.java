package io.polder.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
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
 * A newcomer's walk through the web UI in a real headless Chromium: sign in, search, open a product, look
 * at a domain and at the audit log, sign out. One browser for the class; a screenshot of each step goes to
 * {@code target/screenshots/}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BrowserTest {
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private WebTestServer server;
    private ChromeDriver browser;
    private WebDriverWait wait;

    @BeforeAll
    void start() throws IOException {
        Path profile = Files.createTempDirectory("polder-chromium");
        browser = HeadlessChromium.start(profile);
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
    void signsInWithTheAdminToken() {
        browser.get(server.baseUrl() + "/");
        wait.until(ExpectedConditions.urlContains("/ui/sign-in"));
        browser.findElement(By.id("token")).sendKeys(server.adminToken);
        HeadlessChromium.screenshot(browser, SCREENSHOTS, "01-sign-in");
        browser.findElement(By.id("sign-in")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("results")));
        assertThat(browser.findElement(By.id("who")).getText()).contains("platform-admin");
        assertThat(browser.getPageSource()).doesNotContain(server.adminToken);
        assertThat(browser.manage().getCookies()).allSatisfy(cookie -> assertThat(cookie.isHttpOnly()).isTrue());
        assertThat((String) browser.executeScript("return document.cookie;")).isEmpty();
        HeadlessChromium.screenshot(browser, SCREENSHOTS, "02-catalog");
    }

    @Test
    @Order(2)
    void searchesAndFiltersByAFacet() {
        WebElement box = browser.findElement(By.id("q"));
        box.clear();
        box.sendKeys("customer email");
        browser.findElement(By.id("search")).click();
        wait.until(ExpectedConditions.urlContains("q=customer+email"));
        List<WebElement> hits = browser.findElements(By.cssSelector("#results .result h3 a"));
        assertThat(hits).isNotEmpty();
        assertThat(hits.getFirst().getText()).isEqualTo("Customer Profiles");
        HeadlessChromium.screenshot(browser, SCREENSHOTS, "03-search");

        browser.findElement(By.cssSelector("[data-facet=tag] a[href*='tag=personal-data']")).click();
        wait.until(ExpectedConditions.urlContains("tag=personal-data"));
        assertThat(browser.findElements(By.cssSelector("#results .result .tag")))
                .extracting(WebElement::getText).contains("personal-data");
        HeadlessChromium.screenshot(browser, SCREENSHOTS, "04-search-filtered");
    }

    @Test
    @Order(3)
    void opensAProductPageWithItsContractAndRunsNoScriptFromItsDescription() {
        browser.findElement(By.linkText("Customer Profiles")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("product")));
        assertThat(browser.findElement(By.id("product-name")).getText()).isEqualTo("Customer Profiles");
        assertThat(browser.findElement(By.id("description")).getText()).contains("<script>document.title='owned'</script>");
        assertThat(browser.getTitle()).startsWith("Customer Profiles").doesNotContain("owned");
        assertThat(browser.findElements(By.cssSelector("#description b"))).isEmpty();
        assertThat(browser.findElements(By.cssSelector("#description img"))).isEmpty();
        assertThat(browser.findElements(By.cssSelector("#support a[href^='javascript']"))).isEmpty();

        WebElement email = browser.findElements(By.cssSelector("table.schema tbody tr")).stream()
                .filter(row -> row.findElement(By.tagName("code")).getText().equals("email")).findFirst().orElseThrow();
        assertThat(email.getText()).contains("string (varchar(254))", "personal", "yes", "invalidValues = 0");
        assertThat(browser.findElement(By.id("versions")).getText()).contains("2.1.0");
        // the column filter (polder.js) runs: the script is served by Polder itself and allowed by the CSP
        WebElement filter = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("input.column-filter")));
        HeadlessChromium.screenshot(browser, SCREENSHOTS, "05-product");
        filter.sendKeys("email");
        long visible = browser.findElements(By.cssSelector("table.schema tbody tr")).stream()
                .filter(WebElement::isDisplayed).count();
        assertThat(visible).isBetween(1L, 3L);
        HeadlessChromium.screenshot(browser, SCREENSHOTS, "06-product-column-filter");
    }

    @Test
    @Order(4)
    void showsADomain() {
        browser.findElement(By.cssSelector(".product-header a[href='/ui/domains/customer']")).click();
        wait.until(ExpectedConditions.urlContains("/ui/domains/customer"));
        assertThat(browser.findElement(By.id("results")).getText()).contains("Customer Profiles");
        HeadlessChromium.screenshot(browser, SCREENSHOTS, "07-domain");
    }

    @Test
    @Order(5)
    void browsesAndFiltersTheAuditLog() {
        browser.findElement(By.linkText("Audit log")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("audit")));
        assertThat(browser.findElement(By.id("audit")).getText()).contains("apply-product", "sign-in");
        browser.findElement(By.name("action")).sendKeys("apply-product");
        browser.findElement(By.id("filter")).click();
        wait.until(ExpectedConditions.urlContains("action=apply-product"));
        List<WebElement> rows = browser.findElements(By.cssSelector("#audit tbody tr"));
        assertThat(rows).isNotEmpty().allSatisfy(row -> assertThat(row.getText()).contains("apply-product"));
        HeadlessChromium.screenshot(browser, SCREENSHOTS, "08-audit");
    }

    @Test
    @Order(6)
    void signsOut() {
        browser.findElement(By.id("sign-out")).click();
        wait.until(ExpectedConditions.urlContains("/ui/sign-in"));
        browser.get(server.baseUrl() + "/ui/products/customer-profiles");
        wait.until(ExpectedConditions.urlContains("/ui/sign-in"));
        HeadlessChromium.screenshot(browser, SCREENSHOTS, "09-signed-out");
    }
}
