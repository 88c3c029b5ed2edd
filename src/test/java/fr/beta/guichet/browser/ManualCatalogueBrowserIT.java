package fr.beta.guichet.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
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
 * The catalogue in a real browser: the search box filters the cards as one types (catalogue.js), then a type
 * declared in {@code manual-requests.yaml} (Brevo) is asked with invalid input, corrected, and filed.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("it")
class ManualCatalogueBrowserIT {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        EmbeddedPostgresDatabase.register(registry, "manual_browser_it");
    }

    @LocalServerPort int port;
    ChromeDriver browser;
    WebDriverWait wait;
    private final List<String> console = new java.util.ArrayList<>();

    @BeforeEach
    void openBrowser() {
        browser = HeadlessChromium.start();
        wait = new WebDriverWait(browser, Duration.ofSeconds(30));
    }

    @AfterEach
    void closeBrowser() {
        HeadlessChromium.screenshot(browser, "manual-99-last-page");
        console.addAll(HeadlessChromium.consoleMessages(browser));
        browser.quit();
        assertThat(console).as("no page broke the Content Security Policy").noneMatch(m ->
                m.contains("Content Security Policy") || m.contains("Refused to"));
    }

    @Test
    void theSearchFiltersAsOneTypesThenADeclaredFormIsCorrectedAndFiled() {
        login("alice");
        List<WebElement> cards = browser.findElements(By.cssSelector(".fr-card[data-type]"));
        assertThat(cards).hasSizeGreaterThanOrEqualTo(16);
        assertThat(browser.findElements(By.cssSelector(".guichet-category h2"))).extracting(WebElement::getText)
                .contains("Hébergement", "Outils", "Autre");

        browser.findElement(By.id("q")).sendKeys("breVO");
        wait.until(d -> visibleCards().size() == 1);
        assertThat(visibleCards().get(0).getAttribute("data-type")).isEqualTo("request-manual-brevo");
        assertThat(browser.findElement(By.id("catalogue-none")).isDisplayed()).isFalse();
        HeadlessChromium.screenshot(browser, "manual-01-catalogue-search");

        browser.findElement(By.id("q")).sendKeys(" introuvable");
        wait.until(d -> visibleCards().isEmpty());
        assertThat(browser.findElement(By.id("catalogue-none")).isDisplayed()).isTrue();
        browser.findElement(By.id("q")).clear();
        browser.findElement(By.id("q")).sendKeys("hebergement");
        wait.until(d -> visibleCards().size() == 2);

        browser.findElement(By.id("q")).clear();
        browser.findElement(By.id("q")).sendKeys("brevo");
        wait.until(d -> visibleCards().size() == 1);
        browser.findElement(By.linkText("Un accès Brevo")).click();
        wait.until(ExpectedConditions.titleContains("Un accès Brevo"));

        String account = "produit-" + UUID.randomUUID().toString().substring(0, 6);
        type("field-email", "nina-sans-arobase");
        type("field-account", account);
        type("startup", "Mon produit");
        type("reason", "Envoyer la lettre d'information");
        browser.findElement(By.cssSelector("main form button[type=submit]")).click();

        WebElement emailError = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("field-email-error")));
        assertThat(emailError.getText()).isEqualTo("« Adresse e-mail de la personne » doit être une adresse e-mail (nom@domaine.fr).");
        assertThat(browser.findElement(By.id("field-role-error")).getText()).isEqualTo("« Rôle » est obligatoire.");
        assertThat(browser.findElement(By.id("field-email")).getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(browser.findElement(By.id("field-account")).getAttribute("value")).isEqualTo(account);
        HeadlessChromium.screenshot(browser, "manual-02-form-errors");

        type("field-email", "nina@example.org");
        new Select(browser.findElement(By.id("field-role"))).selectByVisibleText("Édition");
        browser.findElement(By.cssSelector("main form button[type=submit]")).click();
        WebElement created = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".fr-alert--success")));
        String reference = created.getText().replaceAll(".*(BRV-\\d{4}-\\d{4}).*", "$1");
        assertThat(reference).matches("BRV-\\d{4}-\\d{4}");
        assertThat(browser.findElement(By.cssSelector("tr[data-reference='" + reference + "']")).getText())
                .contains(account);
        HeadlessChromium.screenshot(browser, "manual-03-filed");
    }

    private List<WebElement> visibleCards() {
        return browser.findElements(By.cssSelector(".fr-card[data-type]")).stream().filter(WebElement::isDisplayed).toList();
    }

    private void login(String user) {
        browser.get(url("/login"));
        type("username", user);
        type("password", "demo");
        browser.findElement(By.cssSelector("main form button[type=submit]")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".fr-nav")));
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
