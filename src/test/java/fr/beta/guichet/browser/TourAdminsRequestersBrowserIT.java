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
 * Issue 21 (items 1–9, 12, 13) in headless Chromium on PostgreSQL with the job executor on, one request walked
 * through by a requester and two admins. Screenshots {@code target/screenshots/21a-*}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("it")
class TourAdminsRequestersBrowserIT {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        EmbeddedPostgresDatabase.register(registry, "tour_21a_browser_it");
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
        HeadlessChromium.screenshot(browser, "21a-last-page");
        browser.quit();
    }

    @Test
    void aRequestThroughTheEyesOfItsRequesterAndItsAdmins() {
        String label = "t" + UUID.randomUUID().toString().substring(0, 6);
        login("alice");
        // item 9: every error at once, the typed TTL kept
        browser.get(url("/demandes/sous-domaine"));
        type("label", "x".repeat(300));
        type("ttl", "99999999999");
        submit();
        String errors = browser.findElement(By.tagName("main")).getText();
        assertThat(errors).contains("Saisissez un nombre entier de secondes", "63 caractères", "Indiquez la cible",
                "Indiquez le nom de votre startup");
        assertThat(browser.findElement(By.id("ttl")).getAttribute("value")).isEqualTo("99999999999");
        HeadlessChromium.screenshot(browser, "21a-09-ttl-errors");

        String reference = fileSubdomain(label);
        // item 12: the same again is pointed out
        fill(label);
        submit();
        WebElement same = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("same-open")));
        assertThat(same.getText()).contains(reference);
        HeadlessChromium.screenshot(browser, "21a-12-same-open");
        // item 8: the password address reopened
        browser.get(url("/mes-demandes/" + reference + "/mot-de-passe"));
        assertThat(browser.findElement(By.id("secret-shown-once")).getText()).contains("déjà été affiché une fois");
        HeadlessChromium.screenshot(browser, "21a-08-password-reopened");
        logout();

        // items 1 and 5: the reason on the list and the page, one main action per row
        login("julien");
        browser.get(url("/taches"));
        WebElement row = waitForRow(reference, "Nos propres serveurs DNS");
        assertThat(row.findElements(By.tagName("button"))).hasSize(1);
        assertThat(row.findElements(By.cssSelector("input:not([type=hidden]), textarea"))).as("no question nor reason field").isEmpty();
        HeadlessChromium.screenshot(browser, "21a-01-05-task-list");
        row.findElement(By.linkText(reference)).click();
        wait.until(ExpectedConditions.titleContains(reference));
        assertThat(browser.findElement(By.id("task-reason")).getText()).isEqualTo("Nos propres serveurs DNS");
        type("question", "Quelle cible exactement ?");
        browser.findElement(By.xpath("//button[normalize-space()='Demander une précision']")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".fr-alert--success")));
        logout();

        // items 7 and 13: the answer carried to the correction form; the step says a question was asked
        login("alice");
        browser.get(url("/mes-demandes/" + reference));
        wait.until(driver -> {
            driver.navigate().refresh();
            return !driver.findElements(By.id("question-text")).isEmpty();
        });
        assertThat(browser.findElement(By.cssSelector(".guichet-timeline")).getText())
                .contains("Précision demandée au demandeur", "par julien");
        type("answer", "La cible change");
        browser.findElement(By.id("correct-link")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("target")));
        assertThat(browser.findElement(By.id("answer")).getAttribute("value")).isEqualTo("La cible change");
        type("target", "nouvelle.osc-fr1.scalingo.io.");
        HeadlessChromium.screenshot(browser, "21a-07-answer-carried");
        browser.findElement(By.xpath("//button[normalize-space()='Envoyer la réponse']")).click();
        // item 6: the page read after the answer does not say « En vérification » for a request back at claim
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".fr-alert--success")));
        HeadlessChromium.screenshot(browser, "21a-06-after-answer");
        logout();

        // item 3: another admin sees who holds it and cannot take it
        login("florian");
        browser.get(url("/taches"));
        row = waitForRow(reference, "Assignée à julien");
        assertThat(row.findElements(By.tagName("button"))).isEmpty();
        HeadlessChromium.screenshot(browser, "21a-03-held-by-julien");
        logout();

        // items 4 and 2: julien reads the change, then passes: back to the group
        login("julien");
        browser.get(url("/taches"));
        row = waitForRow(reference, "Assignée à vous");
        row.findElement(By.linkText(reference)).click();
        wait.until(ExpectedConditions.titleContains(reference));
        String changes = browser.findElement(By.cssSelector(".guichet-changes")).getText();
        assertThat(changes).contains("Cible", "app.osc-fr1.scalingo.io.", "nouvelle.osc-fr1.scalingo.io.");
        HeadlessChromium.screenshot(browser, "21a-04-changes");
        browser.findElement(By.xpath("//button[normalize-space()='Je passe']")).click();
        assertThat(wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("declined"))).getText())
                .contains("revient au groupe ops-ovh");
        assertThat(browser.findElement(By.cssSelector("tr[data-reference='" + reference + "']")).getText())
                .contains("Au groupe ops-ovh, libre");
        HeadlessChromium.screenshot(browser, "21a-02-declined");
        logout();

        // item 6: cancelled, and the page says so at once
        login("alice");
        browser.get(url("/mes-demandes/" + reference));
        browser.findElement(By.xpath("//button[normalize-space()='Annuler la demande']")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".fr-alert--success")));
        assertThat(browser.findElement(By.id("status")).getText()).isEqualToIgnoringCase("Annulée");
        HeadlessChromium.screenshot(browser, "21a-06-cancelled");
    }

    private String fileSubdomain(String label) {
        browser.get(url("/demandes/sous-domaine"));
        fill(label);
        submit();
        WebElement created = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".fr-alert--success")));
        return created.getText().replaceAll("(?s).*(SUB-\\d{4}-\\d{4}).*", "$1");
    }

    private void fill(String label) {
        browser.get(url("/demandes/sous-domaine"));
        type("label", label);
        new Select(browser.findElement(By.id("recordType"))).selectByVisibleText("CNAME");
        type("target", "app.osc-fr1.scalingo.io.");
        type("ttl", "3600");
        type("startup", "Démo");
        type("reason", "Nos propres serveurs DNS");
    }

    private void submit() {
        browser.findElement(By.cssSelector("main form button[type=submit]")).click();
    }

    private WebElement waitForRow(String reference, String text) {
        return wait.until(driver -> {
            driver.navigate().refresh();
            var rows = driver.findElements(By.cssSelector("tr[data-reference='" + reference + "']"));
            return rows.isEmpty() || !rows.get(0).getText().contains(text) ? null : rows.get(0);
        });
    }

    private void login(String user) {
        browser.get(url("/login"));
        type("username", user);
        type("password", "demo");
        browser.findElement(By.cssSelector("main form button[type=submit]")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".fr-nav")));
    }

    private void logout() {
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
