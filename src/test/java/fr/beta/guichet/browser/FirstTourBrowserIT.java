package fr.beta.guichet.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
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

import fr.beta.guichet.grants.AccessGrants;
import fr.beta.guichet.request.read.RequestTypes;
import fr.beta.guichet.request.spi.RequestType;
import fr.beta.guichet.request.start.RequestStarter;
import fr.beta.guichet.subdomain.SubdomainProcess;
import fr.beta.guichet.subdomain.SubdomainRecordType;
import fr.beta.guichet.subdomain.SubdomainRequest;
import fr.beta.guichet.support.EmbeddedPostgresDatabase;
import fr.beta.guichet.support.HeadlessChromium;

/**
 * Issue 21: a tour of every page of the app's own menu, plus a request's detail, a task page, the registry, the
 * metrics, the sandbox and the account page, as requester, admin, manager and platform admin, in a real browser
 * on a 390 px wide phone (and once at 320 px). On each page: no English word nor raw enum value nor UTC ISO
 * timestamp in what is read (menu and content), and no horizontal overflow (the document is as wide as the
 * viewport). A failure names the page and the word, or the page and its width. Screenshots in
 * {@code target/screenshots/tour-*.png}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("it")
class FirstTourBrowserIT {

    /** Words a French page never shows: English UI words and raw values of enums, matched as whole words. */
    static final List<String> FORBIDDEN_WORDS = List.of("Tasklist", "write", "read", "view", "mailbox",
            "dockerhub", "redirection-request", "ACTIVE", "REVOKED", "GONE", "PENDING", "INVITED", "true", "false",
            "pending", "refresh", "contributor", "member", "owner", "Submit", "Cancel", "Save", "Delete", "Loading",
            "null", "undefined");
    /**
     * Process keys (request-subdomain…), UTC ISO timestamps, and « admin » as a raw level (« → admin », « admin/write »,
     * « (admin) »): « un·e admin », « les admins » are the app's French words for the people of a group.
     */
    static final List<Pattern> FORBIDDEN_PATTERNS = List.of(Pattern.compile("\\brequest-[a-z-]+"),
            Pattern.compile("(→\\s*|/)admin\\b|\\badmin\\s*/|\\(admin\\)"),
            Pattern.compile("\\b\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?(Z|[+-]\\d{2}:?\\d{2})?"));

    /**
     * The innermost elements that stick out on the right, as tag.class#id: their box, or their own text when they do
     * not clip it (a label kept on one line by {@code white-space: nowrap}). An element is left out when a scrolling
     * ancestor clips it: for an absolutely positioned one (DSFR's table caption) only an ancestor from its containing
     * block up clips it, not the scrolling table it sits in. Fixed elements (sized on the viewport) are left out.
     */
    private static final String OVERFLOWING = """
            const w = document.documentElement.clientWidth;
            const clipped = e => {
              let a = getComputedStyle(e).position === 'absolute' ? e.offsetParent : e.parentElement;
              for (; a && a !== document.documentElement && a !== document.body; a = a.parentElement) {
                if (getComputedStyle(a).overflowX !== 'visible' && a.getBoundingClientRect().right <= w + 1) return true;
              }
              return false;
            };
            const inFixed = e => { for (let a = e; a; a = a.parentElement) { if (getComputedStyle(a).position === 'fixed') return true; } return false; };
            const out = [...document.querySelectorAll('body *')].filter(e => {
              const r = e.getBoundingClientRect();
              const style = getComputedStyle(e);
              const after = getComputedStyle(e, '::after');
              return (r.right > w + 1
                  || (style.overflowX === 'visible' && r.width > 0 && r.left + e.scrollWidth > w + 1)
                  || (after.content !== 'none' && after.position === 'absolute' && r.left + parseFloat(after.width || 0) > w + 1))
                && !inFixed(e) && !clipped(e);
            });
            const leaves = out.filter(e => ![...e.children].some(c => out.includes(c)));
            return leaves.slice(0, 5).map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '')
              + (e.className && e.className.baseVal === undefined ? '.' + String(e.className).trim().replace(/\\s+/g, '.') : '')
              + ' (' + Math.round(Math.max(e.getBoundingClientRect().right, e.getBoundingClientRect().left + e.scrollWidth)) + ' px)').join(', ');
            """;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        EmbeddedPostgresDatabase.register(registry, "first_tour_it");
    }

    @LocalServerPort int port;
    @Autowired RequestStarter starter;
    @Autowired RequestTypes types;
    @Autowired TaskService taskService;
    @Autowired AccessGrants grants;
    ChromeDriver browser;
    WebDriverWait wait;
    private final List<String> problems = new ArrayList<>();

    @BeforeEach
    void openBrowser() {
        browser = HeadlessChromium.start();
        wait = new WebDriverWait(browser, Duration.ofSeconds(30));
    }

    @AfterEach
    void closeBrowser() {
        browser.quit();
    }

    @Test
    void everyPageOfEveryRoleIsInFrenchAndFitsAPhone() {
        String reference = startSubdomainRequest();
        String id = UUID.randomUUID().toString().substring(0, 6);
        // registry rows of every kind, a Matomo access with a level in English in the data (« write »)
        grants.recordDone("TOUR-M-" + id, "ops-matomo", "carol-" + id + "@example.org", null, "matomo",
                "https://tour-" + id + ".example", "carol-" + id + "@example.org https://tour-" + id + ".example",
                "write", "alice", false);
        grants.recordDone("TOUR-B-" + id, "ops-ovh", "carol." + id + "@beta.gouv.fr", null, "mailbox",
                "carol." + id + "@beta.gouv.fr", "beta.gouv.fr carol." + id, "boîte", "alice", false);
        grants.recordDone("TOUR-D-" + id, "ops-dockerhub", "alice@beta.gouv.fr", "alice", "dockerhub",
                "équipe developers (Docker ID alice" + id + ")", "developers alice" + id, "membre", "alice", true);
        String taskId = openTaskOf(reference);
        phone(390);

        login("alice");
        // on a phone the menu is behind DSFR's « Menu » button, with the person's name and « Se déconnecter »
        browser.get(url("/"));
        WebElement menu = browser.findElement(By.id("button-menu"));
        assertThat(menu.isDisplayed()).isTrue();
        assertThat(browser.findElement(By.cssSelector("nav.fr-nav")).isDisplayed()).isFalse();
        menu.click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#modal-menu nav.fr-nav")));
        wait.until(d -> d.findElements(By.cssSelector("#modal-menu .fr-header__menu-links button")).stream()
                .anyMatch(b -> b.isDisplayed() && b.getText().contains("Se déconnecter")));
        HeadlessChromium.screenshot(browser, "tour-menu-ouvert");
        List<String> requesterPages = new ArrayList<>(menuPages());
        browser.get(url("/"));
        browser.findElements(By.cssSelector(".fr-card[data-type] a")).forEach(a -> requesterPages.add(a.getAttribute("href")));
        requesterPages.add(url("/mes-demandes/" + reference));
        tour("demandeur", requesterPages);
        logout();

        login("florian");
        List<String> adminPages = new ArrayList<>(menuPages());
        adminPages.add(url("/taches/" + taskId));
        adminPages.add(url("/acces"));
        tour("admin", adminPages);
        logout();

        login("manon");
        List<String> managerPages = new ArrayList<>(menuPages());
        managerPages.add(url("/acces"));
        tour("manager", managerPages);
        logout();

        login("admin");
        List<String> platformPages = new ArrayList<>(menuPages());
        platformPages.add(url("/acces"));
        tour("plateforme", platformPages);

        // the narrowest phone DSFR supports, on the widest pages
        phone(320);
        tour("plateforme-320", List.of(url("/metriques"), url("/acces"), url("/bac-a-sable"), url("/mes-acces")));

        assertThat(problems).as("pages with an English word, a raw value or a horizontal overflow").isEmpty();

        // the overflow check sees, and names, the two causes fixed in app.css when they come back: a button label
        // kept on one line, an unbreakable word in a table caption that DSFR positions above its scrolling table
        browser.get(url("/metriques"));
        browser.executeScript("document.querySelector('main .fr-btns-group--icon-left li:last-child .fr-btn')"
                + ".style.whiteSpace = 'nowrap'");
        assertThat(overflowing()).contains("a.fr-btn.fr-btn--secondary.fr-icon-download-line");
        browser.get(url("/bac-a-sable"));
        browser.executeScript("document.querySelector('#sandbox-mattermost-threads caption').style.overflowWrap = 'normal'");
        assertThat(overflowing()).contains("caption");
    }

    /** What sticks out of the current page, or null when the document is as wide as the viewport. */
    private String overflowing() {
        long documentWidth = ((Number) browser.executeScript("return document.documentElement.scrollWidth")).longValue();
        long viewport = ((Number) browser.executeScript("return document.documentElement.clientWidth")).longValue();
        return documentWidth > viewport ? (String) browser.executeScript(OVERFLOWING) : null;
    }

    /** The French words the tour flags are really flagged: a page showing « write » or a UTC instant fails. */
    @Test
    void theCheckFindsARegression() {
        assertThat(forbiddenIn("Niveau : write — créé le 2026-12-04T13:26:30.513Z (request-dns-delegation)"))
                .containsExactly("write", "request-dns-delegation", "2026-12-04T13:26:30.513Z");
        assertThat(forbiddenIn("État : ACTIVE, invitation (pending) true")).containsExactly("ACTIVE", "true", "pending");
        assertThat(forbiddenIn("1 → admin/write")).containsExactly("write", "→ admin");
        assertThat(forbiddenIn("Les admins de l'équipe, un·e admin ; écriture ; lecture ; actif ; le 04/12/2026 14:26"))
                .isEmpty();
    }

    private void tour(String role, List<String> pages) {
        for (String page : new LinkedHashSet<>(pages)) {
            browser.get(page);
            wait.until(d -> "complete".equals(((ChromeDriver) d).executeScript("return document.readyState")));
            String path = page.replace(url(""), "");
            String text = (String) browser.executeScript(
                    "return [...document.querySelectorAll('nav.fr-nav, main')].map(e => e.innerText).join('\\n')");
            for (String word : forbiddenIn(text)) {
                problems.add(role + " " + path + " : « " + word + " »");
            }
            long documentWidth = ((Number) browser.executeScript("return document.documentElement.scrollWidth")).longValue();
            long viewport = ((Number) browser.executeScript("return document.documentElement.clientWidth")).longValue();
            if (documentWidth > viewport) {
                problems.add(role + " " + path + " : " + documentWidth + " px de large pour un écran de " + viewport
                        + " px, dépassent : " + browser.executeScript(OVERFLOWING));
            }
            HeadlessChromium.screenshot(browser, "tour-" + role + path.replaceAll("[^a-zA-Z0-9-]+", "_"));
        }
    }

    static List<String> forbiddenIn(String text) {
        Set<String> found = new LinkedHashSet<>();
        for (String word : FORBIDDEN_WORDS) {
            if (Pattern.compile("(?<![\\p{L}\\d_-])" + Pattern.quote(word) + "(?![\\p{L}\\d_-])").matcher(text).find()) {
                found.add(word);
            }
        }
        for (Pattern pattern : FORBIDDEN_PATTERNS) {
            Matcher m = pattern.matcher(text);
            while (m.find()) {
                found.add(m.group());
            }
        }
        return List.copyOf(found);
    }

    /** The app's own menu (Camunda's webapps are not the app's pages). */
    private List<String> menuPages() {
        browser.get(url("/"));
        return browser.findElements(By.cssSelector("nav.fr-nav a.fr-nav__link")).stream().map(a -> a.getAttribute("href"))
                .filter(href -> !href.contains("/camunda/")).toList();
    }

    private void phone(int width) {
        browser.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", width, "height", 844,
                "deviceScaleFactor", 1, "mobile", true));
    }

    @SuppressWarnings("unchecked")
    private String startSubdomainRequest() {
        var type = (RequestType<SubdomainRequest>) types.byKey(SubdomainProcess.KEY).orElseThrow();
        return starter.start(type, new SubdomainRequest("tour" + UUID.randomUUID().toString().substring(0, 6),
                SubdomainRecordType.CNAME, "app.osc-fr1.scalingo.io.", 3600, "Démo",
                "Mettre en ligne le site de la startup"), "alice");
    }

    private String openTaskOf(String reference) {
        long until = System.currentTimeMillis() + 30_000;
        while (System.currentTimeMillis() < until) {
            List<Task> tasks = taskService.createTaskQuery().processInstanceBusinessKey(reference).list();
            if (!tasks.isEmpty()) {
                return tasks.get(0).getId();
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("no task for " + reference);
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }

    private void login(String user) {
        browser.get(url("/login"));
        browser.findElement(By.id("username")).sendKeys(user);
        browser.findElement(By.id("password")).sendKeys("demo");
        WebElement submit = browser.findElement(By.cssSelector("main form button[type=submit]"));
        browser.executeScript("arguments[0].click()", submit);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".fr-nav")));
    }

    private void logout() {
        browser.manage().deleteAllCookies();
    }
}
