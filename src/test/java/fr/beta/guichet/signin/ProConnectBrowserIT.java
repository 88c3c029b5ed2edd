package fr.beta.guichet.signin;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import fr.beta.guichet.access.AccessGroups;
import fr.beta.guichet.support.EmbeddedPostgresDatabase;
import fr.beta.guichet.support.HeadlessChromium;

/**
 * Issue 25's journey in a real browser (headless Chromium): « S'identifier avec ProConnect » on the login page, the
 * login form of a provider that behaves like ProConnect (a real Spring Authorization Server in-process, signed
 * userinfo), back in Guichet Ops with an account made at that first login, a request filed, Cockpit opened as a
 * manager in the same session without a second login, then logout through the provider's end-session endpoint back
 * to the app, which then asks to sign in again. A screenshot of each step lands in
 * {@code target/screenshots/proconnect-*.png}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        // the domain rule makes the person a manager at their first login
        "guichet.signin.domain-groups=ministere.gouv.fr=" + AccessGroups.MANAGERS})
@ActiveProfiles("it")
class ProConnectBrowserIT {

    static final FakeOpenIdProvider PROVIDER = FakeOpenIdProvider.start(true);

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        EmbeddedPostgresDatabase.register(registry, "proconnect_browser_it");
        registry.add("guichet.signin.issuer-uri", PROVIDER::issuer);
        registry.add("guichet.signin.client-id", () -> FakeOpenIdProvider.CLIENT_ID);
        registry.add("guichet.signin.client-secret", () -> FakeOpenIdProvider.CLIENT_SECRET);
    }

    @AfterAll
    static void stopProvider() {
        PROVIDER.close();
    }

    @LocalServerPort int port;
    @Autowired IdentityService identityService;
    @Autowired HistoryService historyService;
    ChromeDriver browser;
    WebDriverWait wait;
    private final List<String> console = new ArrayList<>();

    @BeforeEach
    void openBrowser() {
        PROVIDER.behaviour.reset();
        PROVIDER.registerClient("http://localhost:" + port);
        browser = HeadlessChromium.start();
        wait = new WebDriverWait(browser, Duration.ofSeconds(30));
    }

    @AfterEach
    void closeBrowser() {
        HeadlessChromium.screenshot(browser, "proconnect-99-last-page");
        browser.quit();
        assertThat(console).as("no Guichet Ops page broke the Content Security Policy").noneMatch(m ->
                m.contains("Content Security Policy") || m.contains("Refused to"));
    }

    @Test
    void signInWithProConnectFileARequestOpenCockpitAsAManagerAndLogOutAtTheProvider() {
        String email = "lea.agent-" + UUID.randomUUID().toString().substring(0, 6) + "@ministere.gouv.fr";
        String userId = email.substring(0, email.indexOf('@'));
        PROVIDER.person("lea", FakeOpenIdProvider.agent(email, "Léa", "Agent"));
        assertThat(identityService.createUserQuery().userEmail(email).count()).as("no account before").isZero();

        // the login page offers the official ProConnect button
        browser.get(url("/login"));
        WebElement button = wait.until(ExpectedConditions.elementToBeClickable(By.id("proconnect")));
        assertThat(button.getText()).contains("S’identifier avec", "ProConnect");
        HeadlessChromium.screenshot(browser, "proconnect-01-login");
        drainConsole();
        button.click();

        // the provider's own login form (Spring Authorization Server's default form login)
        wait.until(ExpectedConditions.urlContains(PROVIDER.issuer() + "/login"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username"))).sendKeys("lea");
        browser.findElement(By.id("password")).sendKeys(FakeOpenIdProvider.PASSWORD);
        HeadlessChromium.screenshot(browser, "proconnect-02-provider-login");
        browser.findElement(By.cssSelector("button[type=submit]")).click();

        // back in Guichet Ops, signed in, the account made from the verified email
        wait.until(ExpectedConditions.urlToBe(url("/")));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".fr-nav")));
        assertThat(browser.getPageSource()).contains(userId);
        HeadlessChromium.screenshot(browser, "proconnect-03-home");
        var user = identityService.createUserQuery().userEmail(email).singleResult();
        assertThat(user).as("account made at the first login").isNotNull();
        assertThat(user.getId()).isEqualTo(userId);
        assertThat(user.getFirstName()).isEqualTo("Léa");
        assertThat(user.getLastName()).isEqualTo("Agent");
        assertThat(identityService.createGroupQuery().groupMember(userId).groupId(AccessGroups.MANAGERS).count())
                .as("manager by the domain rule").isEqualTo(1);
        assertThat(PROVIDER.behaviour.tokenRequestAuth).containsOnly("post");

        // a request filed through a form of the app, in that session
        drainConsole();
        browser.get(url("/demandes/autre"));
        wait.until(ExpectedConditions.titleContains("Autre demande"));
        type("field-request", "Un accès en lecture au tableau de bord de la startup");
        type("startup", "Démo");
        type("reason", "Suivre les indicateurs de la startup");
        browser.findElement(By.cssSelector("main form button[type=submit]")).click();
        WebElement created = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".fr-alert--success")));
        String reference = created.getText().replaceAll("(?s).*(AUT-\\d{4}-\\d{4}).*", "$1");
        assertThat(reference).matches("AUT-\\d{4}-\\d{4}");
        assertThat(browser.findElement(By.cssSelector("tr[data-reference='" + reference + "']")).getText())
                .contains("Autre demande");
        assertThat(historyService.createHistoricProcessInstanceQuery().processInstanceBusinessKey(reference)
                .startedBy(userId).count()).as("filed by the person signed in with ProConnect").isEqualTo(1);
        HeadlessChromium.screenshot(browser, "proconnect-04-request-filed");
        drainConsole();

        // Cockpit in the same session, as a manager: no second login
        browser.get(url("/camunda/app/cockpit/"));
        wait.until(ExpectedConditions.urlContains("#/dashboard"));
        wait.until(d -> d.findElement(By.tagName("body")).getText().contains("Léa Agent"));
        assertThat(browser.getCurrentUrl()).doesNotContain("#/login");
        assertThat(browser.findElements(By.cssSelector("input[type=password]"))).as("no login form").isEmpty();
        HeadlessChromium.screenshot(browser, "proconnect-05-cockpit");
        // Cockpit's own console (a Camunda page) is not under test
        HeadlessChromium.consoleMessages(browser);

        // logout: through the provider's end-session endpoint and back to the app's post-logout page
        browser.get(url("/"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".fr-nav")));
        browser.findElement(By.xpath("//button[normalize-space()='Se déconnecter']")).click();
        wait.until(ExpectedConditions.urlContains(url("/login?logout")));
        assertThat(browser.getCurrentUrl()).contains("state=");
        assertThat(browser.findElement(By.tagName("main")).getText()).contains("Vous êtes déconnecté");
        List<String> endSession;
        synchronized (PROVIDER.behaviour) {
            endSession = List.copyOf(PROVIDER.behaviour.endSessionQueries);
        }
        assertThat(endSession).as("the browser went through the provider's end-session endpoint").hasSize(1);
        assertThat(OidcClient.query("http://x/?" + endSession.get(0)).keySet())
                .containsExactlyInAnyOrder("id_token_hint", "state", "post_logout_redirect_uri");
        HeadlessChromium.screenshot(browser, "proconnect-06-logged-out");
        drainConsole();

        // the app session is gone: a protected page asks to sign in again
        browser.get(url("/mes-demandes"));
        wait.until(ExpectedConditions.urlToBe(url("/login")));
        assertThat(browser.findElements(By.id("proconnect"))).hasSize(1);
        // and so is the provider's: ProConnect asks for the login again
        browser.findElement(By.id("proconnect")).click();
        wait.until(ExpectedConditions.urlContains(PROVIDER.issuer() + "/login"));
        assertThat(browser.findElements(By.id("password"))).hasSize(1);
        HeadlessChromium.screenshot(browser, "proconnect-07-provider-asks-again");
    }

    private void drainConsole() {
        console.addAll(HeadlessChromium.consoleMessages(browser));
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
