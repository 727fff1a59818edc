package io.polder.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.polder.registry.access.Grant;
import io.polder.registry.access.GrantSet;
import io.polder.registry.auth.Principal;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * Access in a real headless Chromium: a consumer requests access to a port from its product page, the owning
 * domain's owner approves it in the inbox, and the consumer sees the grant; a platform-admin, who owns no product,
 * revokes it, and the consumer sees it revoked. Screenshots go to {@code target/screenshots/access-*.png}.
 */
class AccessBrowserTest extends ChromiumTest {
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
        screenshot("access-01-request");
        browser.findElement(By.id("send-request")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("notice")));
        assertThat(browser.findElement(By.id("requests")).getText()).contains("customer-profiles/customers", "pending");
        screenshot("access-02-requested");
        signOut();
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
        screenshot("access-03-inbox");
        request.findElement(By.cssSelector("button.approve-button")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("notice")));
        assertThat(browser.findElements(By.cssSelector("#inbox article.request"))).hasSize(pending - 1)
                .noneMatch(article -> article.getText().contains("principal dana"));
        assertThat(browser.findElement(By.id("grants")).getText()).contains("customer-profiles/customers", "dana",
                "country_code = 'NL'", "email", "active");
        screenshot("access-04-approved");
        signOut();
    }

    @Test
    @Order(3)
    void theConsumerSeesTheGrant() {
        signIn(server.consumerToken);
        browser.get(server.baseUrl() + "/ui/access");
        assertThat(browser.findElement(By.id("requests")).getText()).contains("approved");
        assertThat(browser.findElement(By.id("grants")).getText()).contains("customer-profiles/customers", "active");
        assertThat(browser.findElements(By.cssSelector("button.revoke-button"))).isEmpty();
        screenshot("access-05-granted");
        signOut();
    }

    @Test
    @Order(4)
    void aPlatformAdminRevokesTheGrantOnAProductItDoesNotOwn() {
        Grant grant = danasGrants().active().stream().filter(active -> active.product().equals("customer-profiles"))
                .findFirst().orElseThrow();
        signIn(server.adminToken);
        browser.findElement(By.linkText("Access")).click();
        WebElement row = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("grant-" + grant.id())));
        row.findElement(By.name("reason")).sendKeys("the churn model is done");
        browser.executeScript("arguments[0].scrollIntoView()", row);
        screenshot("access-06-admin-revokes");
        row.findElement(By.cssSelector("button.revoke-button")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("notice")));
        assertThat(browser.findElement(By.id("notice")).getText()).contains("revoked");
        row = browser.findElement(By.id("grant-" + grant.id()));
        assertThat(row.getText()).contains("revoked");
        assertThat(row.findElements(By.cssSelector("button.revoke-button"))).isEmpty();
        browser.executeScript("arguments[0].scrollIntoView()", row);
        assertThat(danasGrants().active()).as("what the gateway reads for dana's next query").extracting(Grant::id)
                .doesNotContain(grant.id());
        screenshot("access-07-revoked");
        signOut();
    }

    @Test
    @Order(5)
    void theConsumerSeesTheGrantRevoked() {
        signIn(server.consumerToken);
        browser.get(server.baseUrl() + "/ui/access");
        WebElement grants = browser.findElement(By.id("grants"));
        assertThat(grants.getText()).contains("customer-profiles/customers", "revoked").doesNotContain("active");
        browser.executeScript("arguments[0].scrollIntoView()", grants);
        screenshot("access-08-revoked-for-the-consumer");
    }

    private GrantSet danasGrants() {
        Principal dana = server.registry.tokens().authenticate(server.consumerToken).orElseThrow();
        return server.registry.access().grantsFor(dana, server.clock.instant());
    }
}
