package dev.twelvefactor.system;

import dev.twelvefactor.launcher.orchestration.LocalPlatform;
import dev.twelvefactor.launcher.secrets.Credentials;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A person in a real browser (Debian's headless Chromium): opens the API explorer on the
 * gateway, presses Authorize, logs in on auth-service's page (authorization code with
 * PKCE), and places an order. Screenshots of each step are kept under
 * {@code target/api-explorer/}.
 */
@ExtendWith(SharedPlatform.class)
class ApiExplorerIT {

	/**
	 * Debian's packages; CHROMIUM and CHROMEDRIVER name others (GitHub's runners have
	 * Chrome).
	 */
	static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));

	static final Path CHROMEDRIVER = Path.of(System.getenv().getOrDefault("CHROMEDRIVER", "/usr/bin/chromedriver"));

	static final Path SCREENSHOTS = Path.of("target/api-explorer");

	@Test
	void aPersonLogsInWithPkceAndPlacesAnOrderFromTheBrowser(LocalPlatform platform, @TempDir Path profile)
			throws IOException {
		if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
			Tools.requireInCi("chromium and chromium-driver (Debian packages)");
		}
		Files.createDirectories(SCREENSHOTS);
		WebDriver browser = chromium(profile);
		try {
			// Swagger UI is React: an element found may be replaced before it is used.
			WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
			wait.ignoring(StaleElementReferenceException.class);
			browser.get(platform.gatewayUrl() + "/swagger-ui.html");
			wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("button.authorize"))).click();
			screenshot(browser, "1-authorize");

			// The OAuth2 scheme's dialog: every scope, then Authorize opens the login in
			// a window of its own.
			WebElement dialog = wait
				.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".auth-container")));
			dialog.findElements(By.xpath(".//a[normalize-space()='select all']")).forEach(WebElement::click);
			String explorer = browser.getWindowHandle();
			dialog.findElement(By.cssSelector("button.authorize")).click();
			wait.until(driver -> driver.getWindowHandles().size() > 1);
			browser.switchTo()
				.window(browser.getWindowHandles()
					.stream()
					.filter(handle -> !handle.equals(explorer))
					.findFirst()
					.orElseThrow());

			Credentials person = platform.secrets().demoUser();
			wait.until(ExpectedConditions.visibilityOfElementLocated(By.name("username"))).sendKeys(person.username());
			browser.findElement(By.name("password")).sendKeys(person.password());
			screenshot(browser, "2-login");
			browser.findElement(By.cssSelector("button[type=submit]")).click();

			// The redirect page hands the code back to the explorer and closes itself.
			wait.until(driver -> driver.getWindowHandles().size() == 1);
			browser.switchTo().window(explorer);
			wait.until(ExpectedConditions.visibilityOfElementLocated(
					By.xpath("//div[contains(@class,'auth-container')]//button[normalize-space()='Logout']")));
			screenshot(browser, "3-authorized");
			browser.findElement(By.cssSelector("button.close-modal")).click();

			WebElement placeOrder = wait.until(ExpectedConditions.elementToBeClickable(By.xpath(
					"//div[contains(@class,'opblock-post')][.//*[@data-path='/api/orders']]//button[contains(@class,'opblock-summary-control')]")));
			placeOrder.click();
			WebElement operation = browser
				.findElement(By.xpath("//div[contains(@class,'opblock-post')][.//*[@data-path='/api/orders']]"));
			// Swagger UI renders an operation's parts after the click that opens it: each
			// is waited for by its locator, never looked up once.
			wait.until(driver -> clickable(operation, By.cssSelector(".try-out__btn"))).click();
			wait.until(driver -> clickable(operation, By.cssSelector("tr[data-param-name='Idempotency-Key'] input")))
				.sendKeys(UUID.randomUUID().toString());
			WebElement body = wait.until(driver -> clickable(operation, By.cssSelector("textarea.body-param__text")));
			// The editor is React's: clear() leaves its state, select-all and delete does
			// not.
			body.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
			body.sendKeys("{\"lines\":[{\"sku\":\"KB-001\",\"quantity\":1}]}");
			wait.until(driver -> clickable(operation, By.cssSelector("button.execute"))).click();

			WebElement status = wait.until(ExpectedConditions.visibilityOfNestedElementsLocatedBy(operation,
					By.cssSelector(".live-responses-table .response .response-col_status")))
				.getFirst();
			screenshot(browser, "4-order-placed");
			// The status cell reads "201" and, below it, the OpenAPI description.
			assertThat(status.getText().lines().findFirst().orElse("").trim()).isIn("201", "202");
			assertThat(
					operation.findElement(By.cssSelector(".live-responses-table .response .response-col_description"))
						.getText())
				.contains("\"status\"");
		}
		catch (RuntimeException | AssertionError e) {
			screenshot(browser, "failure");
			throw e;
		}
		finally {
			browser.quit();
		}
	}

	/**
	 * The element inside {@code parent}, once it is shown and enabled; null until then.
	 */
	private static WebElement clickable(WebElement parent, By locator) {
		return parent.findElements(locator)
			.stream()
			.filter(element -> element.isDisplayed() && element.isEnabled())
			.findFirst()
			.orElse(null);
	}

	/**
	 * Headless, with nothing that reaches beyond this machine, in a fresh profile; the
	 * Debian driver, so Selenium never tries to download one.
	 */
	static WebDriver chromium(Path profile) {
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM.toFile());
		options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
				"--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-quic",
				"--window-size=1280,1800", "--user-data-dir=" + profile);
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
			.usingAnyFreePort()
			.build();
		return new ChromeDriver(service, options);
	}

	static void screenshot(WebDriver browser, String name) throws IOException {
		Path shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
		Files.copy(shot, SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
	}

}
