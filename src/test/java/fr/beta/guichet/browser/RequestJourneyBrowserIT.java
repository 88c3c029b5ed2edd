package fr.beta.guichet.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import fr.beta.guichet.support.EmbeddedPostgresDatabase;
import fr.beta.guichet.support.HeadlessChromium;

/**
 * A requester and an admin in a real browser (headless Chromium), as they would use the service: a subdomain request
 * with a mistake then corrected, « Mes demandes », the admin's task list, « Je prends », « Fait », and the requester
 * reading the outcome and its timeline. A screenshot of each step lands in {@code target/screenshots/}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("it")
class RequestJourneyBrowserIT {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        EmbeddedPostgresDatabase.register(registry, "browser_it");
    }

    @LocalServerPort int port;
    ChromeDriver browser;
    WebDriverWait wait;

    @BeforeEach
    void openBrowser() {
        browser = HeadlessChromium.start();
        wait = new WebDriverWait(browser, Duration.ofSeconds(30));
    }

    @AfterEach
    void closeBrowser() {
        HeadlessChromium.screenshot(browser, "99-last-page");
        console.addAll(HeadlessChromium.consoleMessages(browser));
        browser.quit();
        assertThat(console).as("no page broke the Content Security Policy").noneMatch(m ->
                m.contains("Content Security Policy") || m.contains("Refused to"));
    }

    @Test
    void requesterAsksAdminDeliversRequesterSeesItDone() {
        String label = "web" + UUID.randomUUID().toString().substring(0, 6);

        login("alice");
        assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("fr");
        assertThat(browser.findElements(By.cssSelector(".fr-card"))).hasSizeGreaterThanOrEqualTo(4);
        HeadlessChromium.screenshot(browser, "02-catalogue");

        browser.findElement(By.linkText("Un sous-domaine beta.gouv.fr")).click();
        type("label", "Mon_Site");
        new Select(browser.findElement(By.id("recordType"))).selectByVisibleText("CNAME");
        type("target", "monsite.osc-fr1.scalingo.io.");
        type("startup", "Démo");
        type("reason", "Mettre en ligne le site de la startup");
        browser.findElement(By.cssSelector("main form button[type=submit]")).click();

        WebElement error = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("label-error")));
        assertThat(error.getText()).contains("lettres minuscules");
        assertThat(browser.findElement(By.id("target")).getAttribute("value")).isEqualTo("monsite.osc-fr1.scalingo.io.");
        assertThat(browser.findElement(By.id("label")).getAttribute("aria-invalid")).isEqualTo("true");
        HeadlessChromium.screenshot(browser, "03-form-error");

        type("label", label);
        browser.findElement(By.cssSelector("main form button[type=submit]")).click();
        WebElement created = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".fr-alert--success")));
        String reference = created.getText().replaceAll(".*(SUB-\\d{4}-\\d{4}).*", "$1");
        assertThat(reference).matches("SUB-\\d{4}-\\d{4}");
        assertThat(browser.findElement(By.cssSelector("tr[data-reference='" + reference + "']")).getText()).contains(label);
        HeadlessChromium.screenshot(browser, "04-mes-demandes");
        logout();

        login("florian");
        browser.get(url("/taches"));
        WebElement row = waitForRow(reference, "Prise en charge");
        HeadlessChromium.screenshot(browser, "05-task-list");
        row.findElement(By.xpath(".//button[normalize-space()='Je prends']")).click();
        assertThat(wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".fr-alert--success"))).getText())
                .contains("Vous avez pris la demande " + reference);

        row = waitForRow(reference, "Confirmation");
        row.findElement(By.linkText("Ouvrir")).click();
        wait.until(ExpectedConditions.titleContains(reference));
        assertThat(browser.findElement(By.tagName("main")).getText()).contains(label + ".beta.gouv.fr", "Prise en charge");
        HeadlessChromium.screenshot(browser, "06-task-confirm");
        browser.findElement(By.xpath("//button[normalize-space()='Fait']")).click();
        assertThat(wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".fr-alert--success"))).getText())
                .contains("La demande " + reference + " est terminée");
        logout();

        login("alice");
        browser.get(url("/mes-demandes/" + reference));
        wait.until(driver -> {
            driver.navigate().refresh();
            return driver.findElement(By.id("status")).getText().equalsIgnoreCase("Traitée");
        });
        String timeline = browser.findElement(By.cssSelector(".guichet-timeline")).getText();
        assertThat(timeline).contains("Demande déposée", "Annonce sur le canal ops", "Prise en charge", "par florian",
                "Exécution automatique", "Confirmation", "Demande traitée");
        HeadlessChromium.screenshot(browser, "07-done-timeline");
    }

    private final java.util.List<String> console = new java.util.ArrayList<>();

    private WebElement waitForRow(String reference, String step) {
        return wait.until(driver -> {
            driver.navigate().refresh();
            var rows = driver.findElements(By.cssSelector("tr[data-reference='" + reference + "']"));
            return rows.isEmpty() || !rows.get(0).getText().contains(step) ? null : rows.get(0);
        });
    }

    private void login(String user) {
        browser.get(url("/login"));
        type("username", user);
        type("password", "demo");
        if ("alice".equals(user) && !java.nio.file.Files.exists(HeadlessChromium.SCREENSHOTS.resolve("01-login.png"))) {
            HeadlessChromium.screenshot(browser, "01-login");
        }
        browser.findElement(By.cssSelector("main form button[type=submit]")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".fr-nav")));
    }

    private void logout() {
        console.addAll(HeadlessChromium.consoleMessages(browser));
        browser.findElement(By.xpath("//button[normalize-space()='Se déconnecter']")).click();
        wait.until(ExpectedConditions.urlContains("/login"));
    }

    private void type(String id, String text) {
        WebElement field = browser.findElement(By.id(id));
        field.clear();
        field.sendKeys(text);
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }
}
