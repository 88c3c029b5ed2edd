package fr.beta.guichet.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import fr.beta.guichet.request.read.RequestTypes;
import fr.beta.guichet.request.spi.RequestType;
import fr.beta.guichet.request.start.RequestStarter;
import fr.beta.guichet.subdomain.SubdomainProcess;
import fr.beta.guichet.subdomain.SubdomainRecordType;
import fr.beta.guichet.subdomain.SubdomainRequest;
import fr.beta.guichet.support.EmbeddedPostgresDatabase;
import fr.beta.guichet.support.HeadlessChromium;

/**
 * A manager reads « Métriques » in a real browser (headless Chromium) on PostgreSQL: the key figures, the filters,
 * the charts drawn under the Content Security Policy, the tables scrolling sideways on a phone. Twelve weeks of
 * reported requests are written to the reporting table first (what the page reads), and one real request waits
 * at « prise en charge ». The screenshot {@code 08-metriques.png} is the README's.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("it")
class MetricsPageBrowserIT {

    private static final String[] TYPES = { "request-subdomain", "request-mailbox", "request-matomo",
            "request-dockerhub" };
    private static final String[] ADMINS = { "florian", "julien", "guillett", "jerome" };

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        EmbeddedPostgresDatabase.register(registry, "metrics_browser_it");
    }

    @LocalServerPort int port;
    @Autowired JdbcTemplate jdbc;
    @Autowired RequestStarter starter;
    @Autowired RequestTypes types;
    ChromeDriver browser;
    WebDriverWait wait;
    private final List<String> console = new ArrayList<>();

    @BeforeEach
    void openBrowser() {
        browser = HeadlessChromium.start();
        wait = new WebDriverWait(browser, Duration.ofSeconds(30));
    }

    @AfterEach
    void closeBrowser() {
        console.addAll(HeadlessChromium.consoleMessages(browser));
        browser.quit();
        assertThat(console).as("the page broke no Content Security Policy").noneMatch(m ->
                m.contains("Content Security Policy") || m.contains("Refused to"));
    }

    @Test
    void managerReadsKeyFiguresChartsAndTables() {
        reportTwelveWeeks();
        startOneRequest();

        login("manon");
        browser.manage().window().setSize(new Dimension(1280, 1000));
        browser.findElement(By.linkText("Métriques")).click();
        wait.until(ExpectedConditions.titleContains("Métriques"));
        WebElement open = browser.findElement(By.cssSelector("[data-key-figure=open] .fr-tile__desc"));
        assertThat(Long.parseLong(open.getText())).isGreaterThanOrEqualTo(1);
        assertThat(browser.findElements(By.cssSelector("#key-figures [data-key-figure]"))).hasSize(5);
        assertThat(browser.findElement(By.cssSelector("[data-key-figure=claim] .fr-tile__desc")).getText())
                .matches("\\d+,\\d h");
        // the charts were drawn by metrics.js (Chart.js sizes its canvases)
        wait.until(d -> d.findElement(By.id("chart-created")).getAttribute("style").contains("width"));
        var totals = browser.findElement(By.cssSelector("#metrics-totals table"));
        assertThat(totals.findElement(By.tagName("caption")).getText()).isEqualTo("Par type de demande, sur toute la période");
        assertThat(totals.findElements(By.cssSelector("tbody tr"))).hasSize(types.all().size());
        browser.manage().window().setSize(new Dimension(1280, 2400));
        HeadlessChromium.screenshot(browser, "08-metriques");

        // by month over a year, through the form
        var from = browser.findElement(By.id("from"));
        browser.executeScript("arguments[0].value = arguments[1]", from, LocalDateTime.now().minusDays(365).toLocalDate().toString());
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("granularity"))).selectByValue("month");
        browser.findElement(By.cssSelector("#metrics-filters button[type=submit]")).click();
        wait.until(ExpectedConditions.urlContains("granularity=month"));
        assertThat(browser.findElement(By.cssSelector("#metrics-buckets caption")).getText())
                .isEqualTo("Par type de demande et par mois");

        // on a phone, the wide tables scroll inside their DSFR wrapper instead of widening the page
        browser.manage().window().setSize(new Dimension(400, 900));
        WebElement content = browser.findElement(By.cssSelector("#metrics-buckets .fr-table__content"));
        Number scrollWidth = (Number) browser.executeScript("return arguments[0].scrollWidth", content);
        Number clientWidth = (Number) browser.executeScript("return arguments[0].clientWidth", content);
        Number pageWidth = (Number) browser.executeScript("return document.documentElement.scrollWidth");
        assertThat(scrollWidth.intValue()).isGreaterThan(clientWidth.intValue());
        // (DSFR's gutters may overhang the viewport by a few pixels, never by a table)
        assertThat(pageWidth.intValue()).isLessThan(420).isLessThan(scrollWidth.intValue());
        HeadlessChromium.screenshot(browser, "09-metriques-mobile");

    }

    /** About 25 requests a week for twelve weeks, as the history handler would have reported them. */
    private void reportTwelveWeeks() {
        Random random = new Random(15);
        LocalDateTime now = LocalDateTime.now();
        List<Object[]> rows = new ArrayList<>();
        for (int n = 0; n < 300; n++) {
            int t = random.nextInt(TYPES.length);
            LocalDateTime created = now.minusMinutes((long) (random.nextDouble() * 84 * 24 * 60));
            long claimMs = (long) ((0.3 + random.nextDouble() * random.nextDouble() * 40 + t * 2) * 3_600_000);
            double fate = random.nextDouble();
            boolean waited = random.nextDouble() < 0.15;
            long waitMs = waited ? (long) (random.nextDouble() * 20 * 3_600_000) : 0;
            boolean recent = created.isAfter(now.minusDays(4));
            String end = recent && fate < 0.4 ? null : fate < 0.8 ? "done" : fate < 0.92 ? "rejected" : "cancelled";
            LocalDateTime claimed = created.plusNanos((claimMs + (waited ? waitMs : 0)) * 1_000_000);
            long durationMs = claimMs + waitMs + (long) (random.nextDouble() * 6 * 3_600_000);
            LocalDateTime ended = end == null ? null : created.plusNanos(durationMs * 1_000_000);
            boolean taken = "done".equals(end) || end == null && random.nextBoolean();
            rows.add(new Object[] { UUID.randomUUID().toString(), TYPES[t], Timestamp.valueOf(created),
                    ended == null ? null : Timestamp.valueOf(ended), end, ended == null ? null : durationMs,
                    Timestamp.valueOf(created), taken || "rejected".equals(end) ? Timestamp.valueOf(claimed) : null,
                    taken ? ADMINS[random.nextInt(ADMINS.length)] : null, taken ? "take" : "rejected".equals(end) ? "reject" : null,
                    taken ? claimMs : null, claimMs > 24 * 3_600_000 ? 1 : 0, claimMs > 48 * 3_600_000 ? 1 : 0,
                    waited ? 1 : 0, waitMs });
        }
        jdbc.batchUpdate("INSERT INTO guichet_request_report (proc_inst_id, req_type, created_at, ended_at, end_state,"
                + " duration_ms, first_claim_at, claim_ended_at, claim_assignee, claim_decision, claim_ms, reminders,"
                + " escalations, waits, wait_ms) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", rows);
    }

    @SuppressWarnings("unchecked")
    private void startOneRequest() {
        var type = (RequestType<SubdomainRequest>) types.byKey(SubdomainProcess.KEY).orElseThrow();
        starter.start(type, new SubdomainRequest("metriques" + UUID.randomUUID().toString().substring(0, 6),
                SubdomainRecordType.CNAME, "app.osc-fr1.scalingo.io.", 3600, "Démo", "Tableau de bord"), "alice");
    }

    private void login(String user) {
        browser.get("http://localhost:" + port + "/login");
        browser.findElement(By.id("username")).sendKeys(user);
        browser.findElement(By.id("password")).sendKeys("demo");
        browser.findElement(By.cssSelector("main form button[type=submit]")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".fr-nav")));
    }
}
