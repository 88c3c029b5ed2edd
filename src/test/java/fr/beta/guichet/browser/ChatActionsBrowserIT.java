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
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import fr.beta.guichet.notification.ChatThread;
import fr.beta.guichet.notification.matrix.MatrixFakeApi;
import fr.beta.guichet.provider.ProviderTransports;
import fr.beta.guichet.support.EmbeddedPostgresDatabase;
import fr.beta.guichet.support.HeadlessChromium;

/**
 * Issue 26 end to end, on PostgreSQL with the job executor and the room's reader on
 * ({@code GUICHET_CHAT=matrix}, {@code GUICHET_CHAT_ACTIONS=on}): alice submits a request in the browser; florian
 * answers « Je prends ! » in its Tchap thread (the sandbox homeserver); the app shows florian as the one who took
 * it, to alice and in florian's task list. Screenshots in {@code target/screenshots/}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "guichet.chat=matrix", "guichet.chat-actions.enabled=on", "guichet.chat-actions.poll-timeout=2s",
        "guichet.chat-actions.lease=10s", "guichet.chat-actions.standby=1s"})
@ActiveProfiles("it")
class ChatActionsBrowserIT {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        EmbeddedPostgresDatabase.register(registry, "chat_actions_browser_it");
    }

    @LocalServerPort int port;
    @Autowired ProviderTransports transports;
    ChromeDriver browser;
    WebDriverWait wait;

    @BeforeEach
    void openBrowser() {
        browser = HeadlessChromium.start();
        wait = new WebDriverWait(browser, Duration.ofSeconds(60));
    }

    @AfterEach
    void closeBrowser() {
        HeadlessChromium.screenshot(browser, "26-chat-actions-last-page");
        browser.quit();
    }

    @Test
    void aRequestClaimedFromTheThreadShowsTheClaimerInTheApp() {
        String label = "tchap" + UUID.randomUUID().toString().substring(0, 6);
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

        MatrixFakeApi matrix = transports.sandboxFakes().stream().filter(MatrixFakeApi.class::isInstance)
                .map(MatrixFakeApi.class::cast).findFirst().orElseThrow();
        ChatThread announced = wait.until(driver -> matrix.threads().stream()
                .filter(t -> t.message().contains(reference)).findFirst().orElse(null));
        matrix.userReplies("@florian-beta.gouv.fr:agent.dinum.tchap.gouv.fr", announced.rootId(), "Je prends !");

        browser.get(url("/mes-demandes/" + reference));
        wait.until(driver -> {
            driver.navigate().refresh();
            return driver.findElement(By.cssSelector(".guichet-timeline")).getText().contains("par florian");
        });
        assertThat(browser.findElement(By.cssSelector(".guichet-timeline")).getText())
                .contains("Prise en charge", "par florian");
        HeadlessChromium.screenshot(browser, "26-chat-actions-claimed-mes-demandes");
        logout();

        login("florian");
        browser.get(url("/taches"));
        WebElement row = wait.until(driver -> {
            driver.navigate().refresh();
            var rows = driver.findElements(By.cssSelector("tr[data-reference='" + reference + "']"));
            return rows.isEmpty() || !rows.get(0).getText().contains("Confirmation") ? null : rows.get(0);
        });
        assertThat(row.getText()).contains("Confirmation");
        HeadlessChromium.screenshot(browser, "26-chat-actions-claimed-taches");
        Boolean told = wait.until(driver -> matrix.thread(announced.rootId()).orElseThrow().replyMessages().stream()
                .anyMatch(m -> m.contains("florian prend la demande")));
        assertThat(told).as("the thread says who took it").isTrue();
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
