package fr.beta.guichet.support;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's Chromium driven headless by its own chromedriver, given explicitly: Selenium never tries to download a
 * driver or a browser (the machines reach no such site). {@code .ci/run} installs {@code chromium} and
 * {@code chromium-driver}.
 */
public final class HeadlessChromium {

    public static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final String BROWSER = "/usr/bin/chromium";
    private static final String DRIVER = "/usr/bin/chromedriver";

    private HeadlessChromium() {
    }

    public static ChromeDriver start() {
        if (!new File(BROWSER).canExecute() || !new File(DRIVER).canExecute()) {
            throw new IllegalStateException("Browser tests need Debian's chromium and chromium-driver: "
                    + "apt-get install chromium chromium-driver (.ci/run does it)");
        }
        var options = new ChromeOptions();
        options.setBinary(BROWSER);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--window-size=1280,1000", "--lang=fr-FR");
        var logging = new org.openqa.selenium.logging.LoggingPreferences();
        logging.enable(org.openqa.selenium.logging.LogType.BROWSER, java.util.logging.Level.ALL);
        options.setCapability("goog:loggingPrefs", logging);
        var service = new ChromeDriverService.Builder().usingDriverExecutable(new File(DRIVER)).build();
        var driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        return driver;
    }

    /** What the pages wrote to the browser console since the last call (CSP violations show up here). */
    public static java.util.List<String> consoleMessages(ChromeDriver driver) {
        return driver.manage().logs().get(org.openqa.selenium.logging.LogType.BROWSER).getAll().stream()
                .map(entry -> entry.getLevel() + " " + entry.getMessage()).toList();
    }

    /** Saves a full-window PNG under {@code target/screenshots/}. */
    public static Path screenshot(ChromeDriver driver, String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path target = SCREENSHOTS.resolve(name + ".png");
            Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), target, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

}
