package io.polder.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * A newcomer's walk through the web UI in a real headless Chromium: sign in, search, open a product (its
 * charts and lineage graph drawn), look at a domain, the audit log and compliance, preview a policy, sign out; a
 * screenshot of each step goes to {@code target/screenshots/}.
 */
class BrowserTest extends ChromiumTest {
    @Test
    @Order(1)
    void signsInWithTheAdminToken() {
        browser.get(server.baseUrl() + "/");
        wait.until(ExpectedConditions.urlContains("/ui/sign-in"));
        browser.findElement(By.id("token")).sendKeys(server.adminToken);
        screenshot("01-sign-in");
        browser.findElement(By.id("sign-in")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("results")));
        assertThat(browser.findElement(By.id("who")).getText()).contains("platform-admin");
        assertThat(browser.getPageSource()).doesNotContain(server.adminToken);
        assertThat(browser.manage().getCookies()).allSatisfy(cookie -> assertThat(cookie.isHttpOnly()).isTrue());
        assertThat((String) browser.executeScript("return document.cookie;")).isEmpty();
        screenshot("02-catalog");
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
        screenshot("03-search");

        browser.findElement(By.cssSelector("[data-facet=tag] a[href*='tag=personal-data']")).click();
        wait.until(ExpectedConditions.urlContains("tag=personal-data"));
        assertThat(browser.findElements(By.cssSelector("#results .result .tag")))
                .extracting(WebElement::getText).contains("personal-data");
        screenshot("04-search-filtered");
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
        screenshot("05-product");
        filter.sendKeys("email");
        long visible = browser.findElements(By.cssSelector("table.schema tbody tr")).stream()
                .filter(WebElement::isDisplayed).count();
        assertThat(visible).isBetween(1L, 3L);
        screenshot("06-product-column-filter");
    }

    @Test
    @Order(4)
    void drawsTheQualityAndFreshnessChartsAndTheLineageGraph() {
        WebElement history = browser.findElement(By.id("history"));
        // uPlot (served by Polder from its webjar) draws each chart into a canvas and folds the table away
        wait.until(driver -> driver.findElements(By.cssSelector("figure.chart[data-drawn=true] canvas")).size() == 2);
        assertThat(browser.findElements(By.cssSelector("details.chart-table")))
                .allSatisfy(details -> assertThat(details.getAttribute("open")).isNull());
        assertThat(history.getText()).contains("SLA: at most 24 h (frequency)", "past SLA");
        assertThat(browser.findElements(By.cssSelector("figure.chart .u-legend"))).hasSize(2);
        browser.executeScript("arguments[0].scrollIntoView()", history);
        screenshot("07-product-history");

        WebElement graph = browser.findElement(By.id("lineage-graph"));
        assertThat(graph.isDisplayed()).isTrue();
        assertThat(browser.findElements(By.cssSelector("#lineage-graph a.node")))
                .extracting(node -> node.getAttribute("data-product")).contains("customer-profiles", "customer-360");
        assertThat(browser.findElements(By.cssSelector("#lineage-graph path.edge"))).isNotEmpty();
        browser.executeScript("arguments[0].scrollIntoView()", browser.findElement(By.id("lineage")));
        screenshot("08-product-lineage");
        browser.findElement(By.cssSelector("#lineage-graph a.node[data-product='customer-360']")).click();
        wait.until(ExpectedConditions.urlContains("/ui/products/customer-360"));
        browser.navigate().back();
        wait.until(ExpectedConditions.urlContains("/ui/products/customer-profiles"));
    }

    @Test
    @Order(5)
    void showsADomain() {
        browser.findElement(By.cssSelector(".product-header a[href='/ui/domains/customer']")).click();
        wait.until(ExpectedConditions.urlContains("/ui/domains/customer"));
        assertThat(browser.findElement(By.id("results")).getText()).contains("Customer Profiles");
        screenshot("09-domain");
    }

    @Test
    @Order(6)
    void browsesAndFiltersTheAuditLog() {
        browser.findElement(By.linkText("Audit log")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("audit")));
        assertThat(browser.findElement(By.id("audit")).getText()).contains("apply-product", "sign-in");
        browser.findElement(By.name("action")).sendKeys("apply-product");
        browser.findElement(By.id("filter")).click();
        wait.until(ExpectedConditions.urlContains("action=apply-product"));
        List<WebElement> rows = browser.findElements(By.cssSelector("#audit tbody tr"));
        assertThat(rows).isNotEmpty().allSatisfy(row -> assertThat(row.getText()).contains("apply-product"));
        screenshot("10-audit");
    }

    @Test
    @Order(7)
    void seesComplianceAndPreviewsAPolicy() {
        browser.findElement(By.linkText("Governance")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("compliance-domains")));
        assertThat(browser.findElement(By.id("compliance-domains")).getText()).contains("customer", "sales");
        assertThat(browser.findElement(By.id("compliance-policies")).getText()).contains("product-has-description");
        screenshot("11-compliance");

        browser.findElement(By.id("preview-link")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("preview-form")));
        browser.findElement(By.id("policy-text")).sendKeys("has(product.tags) && product.tags.exists(t, t == 'personal-data')");
        screenshot("12-policy-preview-form");
        browser.findElement(By.id("preview")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("preview-policies")));
        assertThat(browser.findElement(By.id("preview-policies")).getText()).contains("previewed-rule");
        assertThat(browser.findElement(By.id("preview-affected")).getText()).contains("sales-orders")
                .doesNotContain("customer-profiles");
        screenshot("13-policy-preview-result");
    }

    @Test
    @Order(8)
    void signsOut() {
        signOut();
        browser.get(server.baseUrl() + "/ui/products/customer-profiles");
        wait.until(ExpectedConditions.urlContains("/ui/sign-in"));
        screenshot("14-signed-out");
    }
}
