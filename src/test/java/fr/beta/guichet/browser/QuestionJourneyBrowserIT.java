package fr.beta.guichet.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
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
 * « Demander une précision » in a real browser (headless Chromium), on PostgreSQL with the job executor on: the admin
 * asks from the task list, the requester reads the question on « Mes demandes » and answers, the request comes back
 * to that admin with the answer, who takes it and confirms; the requester sees it done. Screenshots in
 * {@code target/screenshots/}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("it")
class QuestionJourneyBrowserIT {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        EmbeddedPostgresDatabase.register(registry, "question_browser_it");
    }

    @LocalServerPort int port;
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
        HeadlessChromium.screenshot(browser, "19-question-last-page");
        console.addAll(HeadlessChromium.consoleMessages(browser));
        browser.quit();
        assertThat(console).as("no page broke the Content Security Policy").noneMatch(m ->
                m.contains("Content Security Policy") || m.contains("Refused to"));
    }

    @Test
    void adminAsksRequesterAnswersAdminTakesAndConfirms() {
        String label = "qst" + UUID.randomUUID().toString().substring(0, 6);
        login("alice");
        browser.get(url("/demandes/sous-domaine"));
        type("label", label);
        new Select(browser.findElement(By.id("recordType"))).selectByVisibleText("CNAME");
        type("target", "monsite.osc-fr1.scalingo.io.");
        type("startup", "Démo");
        type("reason", "Mettre en ligne le site de la startup");
        browser.findElement(By.cssSelector("main form button[type=submit]")).click();
        WebElement created = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".fr-alert--success")));
        String reference = created.getText().replaceAll(".*(SUB-\\d{4}-\\d{4}).*", "$1");
        assertThat(reference).matches("SUB-\\d{4}-\\d{4}");
        logout();

        login("florian");
        browser.get(url("/taches"));
        WebElement row = waitForRow(reference, "Prise en charge");
        // the question is asked from the task's page: a row keeps only its main action (issue 21)
        row.findElement(By.linkText(reference)).click();
        wait.until(ExpectedConditions.titleContains(reference));
        type("question", "Quelle est l'adresse exacte de l'application ?");
        browser.findElement(By.xpath("//button[normalize-space()='Demander une précision']")).click();
        assertThat(wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".fr-alert--success"))).getText())
                .contains("Votre question sur la demande " + reference);
        assertThat(browser.findElements(By.cssSelector("tr[data-reference='" + reference + "']"))).as("no longer in the list")
                .isEmpty();
        logout();

        login("alice");
        browser.get(url("/mes-demandes/" + reference));
        WebElement question = wait.until(driver -> {
            driver.navigate().refresh();
            var found = driver.findElements(By.id("question-text"));
            return found.isEmpty() ? null : found.get(0);
        });
        assertThat(question.getText()).isEqualTo("Quelle est l'adresse exacte de l'application ?");
        assertThat(browser.findElement(By.id("status")).getText()).isEqualToIgnoringCase("En attente de votre réponse");
        assertThat(browser.findElement(By.id("question-deadline")).getText()).contains("sera annulée");
        HeadlessChromium.screenshot(browser, "10-question-mes-demandes");
        browser.findElement(By.xpath("//button[normalize-space()='Envoyer la réponse']")).click();
        assertThat(wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("answer-error"))).getText())
                .contains("Écrivez votre réponse");
        type("answer", "C'est monsite.osc-fr1.scalingo.io., comme indiqué.");
        browser.findElement(By.xpath("//button[normalize-space()='Envoyer la réponse']")).click();
        assertThat(wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".fr-alert--success"))).getText())
                .contains("Votre réponse sur la demande " + reference);
        logout();

        login("florian");
        browser.get(url("/taches"));
        row = waitForRow(reference, "Assignée à vous");
        row.findElement(By.linkText(reference)).click();
        wait.until(ExpectedConditions.titleContains(reference));
        String form = browser.findElement(By.tagName("main")).getText();
        assertThat(form).contains("Questions et réponses", "Quelle est l'adresse exacte de l'application ?",
                "C'est monsite.osc-fr1.scalingo.io., comme indiqué.");
        HeadlessChromium.screenshot(browser, "11-question-answered-task");
        browser.findElement(By.xpath("//button[normalize-space()='Je prends']")).click();
        assertThat(wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".fr-alert--success"))).getText())
                .contains("Vous avez pris la demande " + reference);
        row = waitForRow(reference, "Confirmation");
        row.findElement(By.linkText("Ouvrir")).click();
        wait.until(ExpectedConditions.titleContains(reference));
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
        assertThat(timeline).contains("Question posée au demandeur", "Réponse du demandeur", "par alice",
                "Prise en charge", "par florian", "Demande traitée");
        assertThat(browser.findElement(By.tagName("main")).getText()).contains("Questions et réponses");
        HeadlessChromium.screenshot(browser, "12-question-done");
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
