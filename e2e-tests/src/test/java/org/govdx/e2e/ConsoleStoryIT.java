package org.govdx.e2e;

import org.govdx.testsupport.CatalogDatasets;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The console in headless Chromium against the real services and Keycloak: a steward requests data, the
 * consumer's CDO endorses, the provider's CDO narrows and approves, the consumer's CDO accepts, the steward
 * reads masked data, and an auditor finds that read, checks its inclusion proof in the browser and exports it.
 * Every step leaves a screenshot in {@code target/screenshots/}.
 */
@ExtendWith(GovdxSystem.class)
class ConsoleStoryIT {

    private static UUID dataset;

    @BeforeAll
    static void aPublishedResidentsDataset() {
        Assumptions.assumeTrue(ConsoleBrowser.available(), "chromium and chromium-driver are not installed (apt-get install chromium chromium-driver)");
        dataset = new CatalogDatasets(GovdxSystem.GATEWAY).publishResidents();
    }

    @Test
    void aPageWithoutASessionLeadsToTheLoginPage() throws Exception {
        try (ConsoleBrowser browser = new ConsoleBrowser("zh-CN")) {
            browser.open("/console/requests");
            browser.wait.until(d -> d.getCurrentUrl().contains("/realms/govdx/protocol/openid-connect/auth"));
            assertThat(browser.byId("username").isDisplayed()).isTrue();
            assertThat(browser.driver.getCurrentUrl()).contains("code_challenge_method=S256", "client_id=govdx-console");
            browser.screenshot("00-login-redirect");
        }
    }

    @Test
    void aStewardCannotReachCdoPagesAndStateChangesNeedTheCsrfToken() throws Exception {
        try (ConsoleBrowser browser = new ConsoleBrowser("zh-CN")) {
            browser.signIn("health-steward", "/console/inbox");
            assertThat(browser.byId("forbidden").getText()).startsWith("403");
            browser.screenshot("00-steward-forbidden");
            assertThat(browser.withSession("GET", "/console/dashboard", null, null).statusCode()).isEqualTo(403);

            // the session cookie is HTTP-only (page scripts never see it) and carries no readable token
            Object scriptCookies = browser.driver.executeScript("return document.cookie");
            assertThat(String.valueOf(scriptCookies)).doesNotContain("q_session").doesNotContain("eyJ");

            // a state-changing call with the session but without the form's CSRF token is refused
            HttpResponse<String> forged = browser.withSession("POST", "/console/requests", "application/x-www-form-urlencoded",
                    "datasetId=" + dataset + "&fields=district_code&purpose=STATISTICS&purposeDetail=x&accessMode=VIEW&termStart=2030-01-01&termEnd=2030-02-01&retentionDays=1&authorisedUsers=health-steward");
            assertThat(forged.statusCode()).isBetween(400, 403);
        }
    }

    @Test
    void fromRequestToAVerifiedAuditedRead() throws Exception {
        try (ConsoleBrowser browser = new ConsoleBrowser("zh-CN")) {
            try {
                story(browser);
            } catch (Throwable failure) {
                browser.screenshot("zz-failure");
                throw new AssertionError("at " + browser.driver.getCurrentUrl() + ": " + browser.alerts(), failure);
            }
        }
    }

    private static void story(ConsoleBrowser browser) throws Exception {
        {
            // 1. the provider's steward uploads the rows, with the progress bar and the report
            browser.signIn("civil-affairs-steward", "/console/datasets/" + dataset + "/upload");
            Path bad = Files.createTempFile("residents-bad", ".csv");
            Files.writeString(bad, """
                    resident_id,name,district_code,birth_date,ethnicity
                    320505199001011234,张伟,320505,1990-01-01,汉
                    ,无号码,320505,1991-01-01,汉
                    """);
            browser.byId("file").sendKeys(bad.toAbsolutePath().toString());
            browser.click("upload-go");
            browser.wait.until(d -> d.findElement(By.id("report-summary")).getText().contains("✘"));
            assertThat(browser.driver.findElements(By.cssSelector("#report-rows tr"))).hasSize(1);
            assertThat(browser.byId("report-rows").getText()).contains("resident_id").doesNotContain("无号码");
            browser.screenshot("01a-upload-rejected-rows");
            Path csv = Files.createTempFile("residents", ".csv");
            Files.writeString(csv, """
                    resident_id,name,district_code,birth_date,ethnicity
                    320505199001011234,张伟,320505,1990-01-01,汉
                    320505198502023456,李娜,320505,1985-02-02,回
                    320506197703034567,王芳,320506,1977-03-03,汉
                    """);
            browser.byId("file").sendKeys(csv.toAbsolutePath().toString());
            browser.click("upload-go");
            browser.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("progress-text"), "完成"));
            assertThat(browser.byId("report-summary").getText()).contains("✔");
            browser.screenshot("01-steward-uploads-data");
            browser.signOut();

            // 2. the consumer's steward finds the dataset and requests it; the FORBIDDEN field cannot be picked
            browser.signIn("hrss-steward", "/console/catalog/" + dataset);
            browser.screenshot("02-dataset-page");
            browser.click("request-data");
            WebElement forbidden = browser.byId("field-ethnicity");
            assertThat(forbidden.isEnabled()).isFalse();
            assertThat(browser.byId("why-ethnicity").getText()).isNotBlank();
            for (String field : List.of("resident_id", "name", "district_code")) {
                browser.click("field-" + field);
            }
            new org.openqa.selenium.support.ui.Select(browser.byId("purpose")).selectByValue("SOCIAL_ASSISTANCE_ELIGIBILITY");
            browser.byId("purposeDetail").sendKeys("核对低保申请人户籍信息");
            browser.byId("legalBasis").sendKeys("《社会救助暂行办法》第十一条");
            browser.byId("rowFilter").sendKeys("district_code = '320505'");
            browser.screenshot("03-request-wizard");
            browser.click("submit-request");
            browser.byId("done");
            assertThat(browser.byId("request-state").getAttribute("class")).contains("AWAITING_ENDORSEMENT");
            String requestPath = new java.net.URI(browser.driver.getCurrentUrl()).getPath();
            browser.screenshot("04-request-submitted");
            browser.signOut();

            // 3. the consumer's CDO endorses from the inbox
            browser.signIn("hrss-cdo", "/console/inbox");
            browser.driver.findElement(By.cssSelector("#inbox a[href='" + requestPath + "']"));
            browser.screenshot("05-consumer-cdo-inbox");
            browser.open(requestPath);
            browser.click("do-endorse");
            browser.byId("done");
            browser.signOut();

            // 4. the provider's CDO reviews side by side and approves with narrowing (drops the name)
            browser.signIn("civil-affairs-cdo", "/console/inbox");
            browser.driver.findElement(By.cssSelector("#inbox a[href='" + requestPath + "']")).click();
            browser.byId("actions");
            browser.screenshot("06-provider-cdo-review");
            browser.driver.findElement(By.cssSelector("#narrow summary")).click();
            browser.click("narrow-name");
            browser.byId("narrow-reason").sendKeys("姓名超出最小必要范围");
            browser.screenshot("07-provider-cdo-narrows");
            browser.click("do-approve-with-changes");
            browser.byId("done");
            assertThat(browser.byId("request-state").getAttribute("class")).contains("AWAITING_CONSUMER_ACCEPTANCE");
            browser.signOut();

            // 5. the consumer's CDO accepts the narrowed terms: both sign, the agreement is active
            browser.signIn("hrss-cdo", requestPath);
            browser.screenshot("08-consumer-cdo-sees-changes");
            browser.click("do-accept-changes");
            browser.byId("done");
            assertThat(browser.byId("request-state").getAttribute("class")).contains("APPROVED");
            String agreementPath = new java.net.URI(browser.byId("agreement-link").getAttribute("href")).getPath();
            browser.screenshot("09-agreement-signed");
            browser.signOut();

            // 6. the steward reads masked data under the agreement
            browser.signIn("hrss-steward", agreementPath);
            browser.byId("caseReference").sendKeys("人社〔2026〕7号");
            browser.click("read-data");
            WebElement rows = browser.byId("read-result");
            assertThat(rows.getText()).contains("320505").doesNotContain("张伟").doesNotContain("王芳");
            assertThat(browser.driver.findElements(By.cssSelector("#read-result thead th")).stream().map(WebElement::getText).toList())
                    .containsExactlyInAnyOrder("resident_id", "district_code");
            String auditEventId = browser.byId("audit-event-id").getText();
            assertThat(auditEventId).isNotBlank();
            browser.screenshot("10-steward-reads-masked-data");
            browser.signOut();

            // 7. the auditor finds that read, checks its inclusion proof in the browser, and exports it
            String agreementId = agreementPath.substring(agreementPath.lastIndexOf('/') + 1);
            browser.signIn("auditor", "/console/audit");
            String search = "/console/audit?go=1&action=data.read&agreement=" + agreementId;
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
                browser.open(search);
                assertThat(browser.driver.findElements(By.cssSelector("#audit-results tbody a"))).isNotEmpty();
            });
            browser.screenshot("11-auditor-finds-the-read");
            String entryHref = browser.driver.findElement(By.cssSelector("#audit-results tbody a")).getAttribute("href");
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(3)).untilAsserted(() -> {
                browser.driver.get(entryHref);
                browser.wait.until(d -> !"verdict wait".equals(d.findElement(By.id("proof-verdict")).getAttribute("class")));
                assertThat(browser.byId("proof-verdict").getAttribute("data-result")).isEqualTo("verified");
            });
            browser.screenshot("12-auditor-proof-verified-in-browser");

            HttpResponse<String> csv2 = browser.withSession("GET", "/console/audit/export?action=data.read&agreement=" + agreementId, null, null);
            assertThat(csv2.statusCode()).isEqualTo(200);
            assertThat(csv2.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
            assertThat(csv2.body()).contains(auditEventId);

            browser.open("/console/audit/verify");
            browser.wait.until(d -> d.findElement(By.id("consistency-verdict")).getAttribute("data-result") != null);
            assertThat(browser.byId("consistency-verdict").getAttribute("data-result")).isIn("first", "verified");
            browser.screenshot("13-auditor-verifies-the-log");
            browser.open("/console/audit/charts");
            Thread.sleep(1500);
            browser.screenshot("14-auditor-charts");

            // the second look signs a checkpoint of the grown log (every query above is itself logged) and checks, in the
            // browser, the consistency proof from the checkpoint remembered the first time
            browser.open("/console/audit/verify");
            browser.wait.until(d -> d.findElement(By.id("consistency-verdict")).getAttribute("data-result") != null);
            browser.click("sign-checkpoint");
            browser.wait.until(d -> d.findElement(By.id("consistency-verdict")).getAttribute("data-result") != null);
            assertThat(browser.byId("consistency-verdict").getAttribute("data-result")).isEqualTo("verified");
            long lastSeen = Long.parseLong(browser.byId("last-seen").getText().split(" ")[0]);
            long latest = Long.parseLong(browser.byId("latest").getText().split(" ")[0]);
            assertThat(latest).isGreaterThan(lastSeen);
            browser.screenshot("14b-auditor-log-consistent");
            browser.signOut();

            // the provider's CDO sees the dashboard, in English this time
            browser.signIn("civil-affairs-cdo", "/console/dashboard");
            browser.open("/console/lang?to=en&back=/console/dashboard");
            assertThat(browser.driver.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("en");
            Thread.sleep(1500);
            browser.screenshot("15-provider-cdo-dashboard-en");
        }
    }
}
