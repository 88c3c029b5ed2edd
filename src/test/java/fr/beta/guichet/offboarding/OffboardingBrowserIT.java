package fr.beta.guichet.offboarding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.UUID;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import fr.beta.guichet.grants.AccessGrant;
import fr.beta.guichet.grants.AccessGrants;
import fr.beta.guichet.grants.GrantState;
import fr.beta.guichet.provider.ovh.EmailDomainClient;
import fr.beta.guichet.support.EmbeddedPostgresDatabase;
import fr.beta.guichet.support.HeadlessChromium;

/**
 * A person leaving, in a real browser, with the job executor on and the sandbox OVH: « Mes accès » shows
 * the access, « Déclarer mon départ » plans it (on the departure date, overriding the schedule's J+30), and once the
 * engine clock (offset, running) reaches the date the access is gone at the
 * sandbox and the departure reads « traité ».
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("it")
class OffboardingBrowserIT {

    private static final String TARGET = "bob.perso@example.org";

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        EmbeddedPostgresDatabase.register(registry, "offboarding_browser_it");
    }

    @LocalServerPort int port;
    @Autowired EmailDomainClient email;
    @Value("${guichet.ovh.mail-domain}") String domain;
    @Autowired AccessGrants grants;
    @Autowired Clock clock;
    ChromeDriver browser;
    WebDriverWait wait;

    @BeforeEach
    void openBrowser() {
        browser = HeadlessChromium.start();
        wait = new WebDriverWait(browser, Duration.ofSeconds(60));
    }

    @AfterEach
    void closeBrowser() {
        ClockUtil.reset();
        HeadlessChromium.screenshot(browser, "99-offboarding-last-page");
        browser.quit();
    }

    @Test
    void aPersonDeclaresTheirDepartureAndAtTheDateTheirAccessIsGoneAtTheSandbox() {
        String from = "bob.depart" + UUID.randomUUID().toString().replace("-", "").substring(0, 6) + "@" + domain;
        email.createRedirection(domain, from, TARGET, false);
        await().atMost(Duration.ofSeconds(30)).until(() -> !email.findRedirections(domain, from, TARGET).isEmpty());
        AccessGrant grant = grants.register("hussardnum", "bob@beta.gouv.fr", "redirection", "ops-ovh",
                from + " → " + TARGET, domain + " " + from + " " + TARGET, "redirection");

        login("bob");
        browser.findElement(By.linkText("Mes accès")).click();
        WebElement row = wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("tr[data-grant='" + grant.id() + "']")));
        assertThat(row.getText()).contains(from, "enregistré par hussardnum");
        HeadlessChromium.screenshot(browser, "11-mes-acces");

        browser.findElement(By.linkText("Déclarer mon départ")).click();
        LocalDate day = LocalDate.now(clock).plusDays(3);
        browser.executeScript("document.getElementById('date').value = arguments[0];", day.toString());
        WebElement access = browser.findElement(By.cssSelector("fieldset[data-grant='" + grant.id() + "']"));
        assertThat(access.getText()).contains("Retirer selon le calendrier : 30 jours après le départ");
        // the schedule overridden for this access: on the departure date itself
        access.findElement(By.cssSelector("label[for='decision-" + grant.id() + "-KEEP_DAYS']")).click();
        access.findElement(By.id("jours-" + grant.id())).sendKeys("0");
        HeadlessChromium.screenshot(browser, "12-depart");
        browser.findElement(By.cssSelector("main form button[type=submit]")).click();
        String reference = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".fr-alert--success")))
                .getText().replaceAll(".*(DEP-\\d{4}-\\d{4}).*", "$1");
        assertThat(reference).matches("DEP-\\d{4}-\\d{4}");
        assertThat(browser.findElement(By.id("departure-state")).getText()).isEqualTo("en cours");
        assertThat(email.findRedirections(domain, from, TARGET)).as("nothing before the date").isNotEmpty();

        // offset, not setCurrentTime: a frozen engine clock never reaches the timers the revocation starts itself
        // (the read-back after guichet.provider-polling.interval is due "now + 1 s" on a clock that stands still)
        ClockUtil.offset(day.atStartOfDay(clock.getZone()).toInstant().plusSeconds(60).toEpochMilli()
                - System.currentTimeMillis());
        wait.until(driver -> {
            driver.navigate().refresh();
            return driver.findElement(By.id("departure-state")).getText().equals("traité");
        });
        HeadlessChromium.screenshot(browser, "13-depart-traite");
        assertThat(browser.findElement(By.cssSelector("tr[data-grant='" + grant.id() + "'] .outcome")).getText())
                .contains("retiré chez le fournisseur");
        assertThat(email.findRedirections(domain, from, null)).as("gone at the sandbox OVH").isEmpty();
        assertThat(grants.byId(grant.id()).orElseThrow().state()).isEqualTo(GrantState.REVOKED);
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
