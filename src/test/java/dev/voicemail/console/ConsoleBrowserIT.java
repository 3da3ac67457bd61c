package dev.voicemail.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import dev.voicemail.authoring.TempRulesProfile;
import dev.voicemail.testing.Api;
import dev.voicemail.testing.AppProcess;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * The console in a real browser: Debian's chromium, headless, driven through its chromedriver (both
 * given by path, so Selenium Manager never downloads anything), against the packaged service. Each
 * page's main flow is checked by what a person sees; axe-core checks each page (no serious or critical
 * violation); the screenshots in docs/console/ are written here.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserIT {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SHOTS = Path.of("docs/console");
    private static final String CLIENT = "acme-scales";

    private Path tmp;
    private Path rules;
    private AppProcess app;
    private WebDriver browser;
    private WebDriverWait wait;
    private String base;

    @BeforeAll
    void start() throws Exception {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            String why = "the console's browser tests need Debian's chromium and chromium-driver (/usr/bin/chromium,"
                    + " /usr/bin/chromedriver): apt-get install -y chromium chromium-driver (.ci/run installs them)";
            if ("true".equals(System.getenv("CI"))) {
                fail(why);
            }
            Assumptions.abort("SKIPPED: " + why);
        }
        tmp = Files.createTempDirectory("console-it");
        rules = tmp.resolve("rules");
        TempRulesProfile.copyTree(Path.of("rules"), rules);
        app = AppProcess.start(rules, tmp.resolve("data"));
        assertTrue(app.awaitReady(Duration.ofSeconds(120)), "service did not start");
        base = "http://localhost:" + app.port;

        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
                "--user-data-dir=" + Files.createDirectory(tmp.resolve("chromium-profile")),
                "--window-size=1280,900", "--lang=en-US");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
        wait = new WebDriverWait(browser, Duration.ofSeconds(20));
        Files.createDirectories(SHOTS);
    }

    @AfterAll
    void stop() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        if (app != null) {
            app.close();
        }
    }

    private RequestSpecification api() {
        return RestAssured.given().baseUri(base).header("Authorization", "Bearer " + Api.KEY).contentType(ContentType.JSON);
    }

    private void open(String path) {
        browser.get(base + path);
    }

    private WebElement byId(String id) {
        return wait.until(ExpectedConditions.presenceOfElementLocated(By.id(id)));
    }

    /**
     * The text of element {@code id} once it starts with {@code prefix}: a notice already on the page
     * (an earlier save's) is replaced by htmx a moment after the click, not at once.
     */
    private String textStartingWith(String id, String prefix) {
        try {
            return wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(d -> {
                String text = d.findElement(By.id(id)).getText();
                return text.startsWith(prefix) ? text : null;
            });
        } catch (org.openqa.selenium.TimeoutException e) {
            return byId(id).getText(); // the assertion that follows says what was shown instead
        }
    }

    private void type(String id, String text) {
        WebElement e = byId(id);
        e.clear();
        e.sendKeys(text);
    }

    /** The whole page (up to 2,400 px tall) at the window's width, into docs/console/. */
    private void shot(String name) throws IOException {
        Dimension window = browser.manage().window().getSize();
        long height = (Long) ((JavascriptExecutor) browser).executeScript("return document.documentElement.scrollHeight;");
        browser.manage().window().setSize(new Dimension(window.getWidth(), (int) Math.min(2400, height + 120)));
        try {
            Files.write(SHOTS.resolve(name + ".png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
        } finally {
            browser.manage().window().setSize(window);
        }
    }

    /** axe-core on the page as shown: no serious or critical violation. */
    private void accessible(String page) throws IOException {
        JavascriptExecutor js = (JavascriptExecutor) browser;
        js.executeScript(axeSource());
        Object raw = js.executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "axe.run(document, {resultTypes: ['violations']})"
                + ".then(r => done(JSON.stringify(r.violations))).catch(e => done('axe failed: ' + e));");
        String text = String.valueOf(raw);
        assertTrue(text.startsWith("["), text);
        List<String> bad = new ArrayList<>();
        for (JsonNode v : new ObjectMapper().readTree(text)) {
            String impact = v.path("impact").asText();
            if (impact.equals("serious") || impact.equals("critical")) {
                List<String> targets = new ArrayList<>();
                v.path("nodes").forEach(n -> targets.add(n.path("target").toString()));
                bad.add(impact + " " + v.path("id").asText() + ": " + v.path("help").asText() + " at " + targets);
            }
        }
        assertEquals(List.of(), bad, "accessibility violations on the " + page + " page");
    }

    private static String axe;

    private static String axeSource() throws IOException {
        if (axe == null) {
            try (InputStream in = ConsoleBrowserIT.class.getResourceAsStream("/META-INF/resources/webjars/axe-core/4.6.3/axe.min.js")) {
                if (in == null) {
                    throw new IllegalStateException("axe-core web jar not on the test class path");
                }
                axe = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        }
        return axe;
    }

    @Test
    @Order(1)
    void signInWithTheKeyboard() throws IOException {
        open("/console/clients");
        wait.until(ExpectedConditions.urlContains("/console/sign-in"));
        assertEquals("Sign in", byId("main").findElement(By.tagName("h1")).getText());
        shot("sign-in");
        accessible("sign-in");

        type("key", "vmk_0000000000000000.wrong");
        byId("key").sendKeys(Keys.ENTER);
        assertTrue(byId("sign-in-error").getText().contains("That key is not valid"));

        // the first Tab reaches the skip link; the key field is labelled and Enter submits
        browser.findElement(By.tagName("body")).sendKeys(Keys.TAB);
        assertEquals("Skip to content", browser.switchTo().activeElement().getText());
        WebElement key = byId("key");
        assertEquals("API key", browser.findElement(By.cssSelector("label[for=key]")).getText());
        key.clear();
        key.sendKeys(Api.KEY, Keys.ENTER);
        wait.until(ExpectedConditions.urlContains("/console/clients"));
        List<String> menu = browser.findElements(By.cssSelector("nav a")).stream().map(WebElement::getText).toList();
        assertEquals(List.of("Clients", "Simulator", "Rules", "Decisions", "Experiments"), menu);
    }

    @Test
    @Order(2)
    void createAClientWithItsPolicysParameters() throws IOException {
        open("/console/clients");
        byId("no-clients");
        browser.findElement(By.linkText("New client")).click();
        type("id", CLIENT);
        type("name", "Acme Scales");
        type("timezone", "America/Chicago");
        new Select(byId("policy")).selectByValue("cadence");
        // htmx swaps in the cadence policy's own parameters
        WebElement max = byId("p-maxVoicemails");
        assertTrue(browser.findElement(By.cssSelector("label[for=p-maxVoicemails]")).getText().contains("integer"));
        assertTrue(byId("p-maxVoicemails-doc").getText().contains("Default: 5"), byId("p-maxVoicemails-doc").getText());
        max.sendKeys("4");
        type("vp-new", "we cut calibration downtime by half");
        byId("save").click();
        assertEquals("Saved: version 1.", textStartingWith("notice", "Saved: version 1"));
        assertEquals("4", byId("p-maxVoicemails").getAttribute("value"));
        assertEquals("we cut calibration downtime by half", byId("vp-1").getAttribute("value"));
        assertTrue(byId("history").getText().contains("CREATE"), byId("history").getText());
        api().get("/v1/clients/" + CLIENT).then().statusCode(200);

        // a value proposition edited in place, a second one added
        type("vp-1", "we cut calibration downtime by half for plants like yours");
        type("vp-new", "our technicians are certified on every major scale brand");
        byId("save").click();
        assertEquals("Saved: version 2.", textStartingWith("notice", "Saved: version 2"));
        assertEquals(List.of("we cut calibration downtime by half for plants like yours",
                        "our technicians are certified on every major scale brand"),
                api().get("/v1/clients/" + CLIENT).then().extract().jsonPath().getList("valuePropositions"));
        shot("client");
        accessible("client");
    }

    @Test
    @Order(3)
    void aConflictingChangeIsExplained() throws IOException {
        open("/console/clients/edit?id=" + CLIENT);
        type("name", "Acme Scales (from the console)");
        // meanwhile, someone changes the client through the API
        Map<String, Object> current = api().get("/v1/clients/" + CLIENT).then().extract().jsonPath().getMap("");
        api().body(Map.of("name", "Acme Scales Inc.", "policy", "cadence", "timezone", "America/Chicago",
                "valuePropositions", current.get("valuePropositions"))).put("/v1/clients/" + CLIENT).then().statusCode(200);
        byId("save").click();
        assertTrue(byId("error").getText().contains("someone changed this client after you opened it"), byId("error").getText());
        assertEquals("Acme Scales Inc.", api().get("/v1/clients/" + CLIENT).then().extract().path("name"));
        shot("client-conflict");
    }

    @Test
    @Order(4)
    void searchTheListAtPhoneWidth() throws IOException {
        api().body(Map.of("name", "Globex Weighing", "policy", "always")).put("/v1/clients/globex").then().statusCode(201);
        open("/console/clients");
        type("q", "acme");
        byId("q").sendKeys(Keys.ENTER);
        wait.until(ExpectedConditions.urlContains("q=acme"));
        String table = byId("clients").getText();
        assertTrue(table.contains(CLIENT) && !table.contains("globex"), table);
        open("/console/clients");
        assertTrue(byId("clients").getText().contains("globex"));
        shot("clients");
        accessible("clients");

        browser.manage().window().setSize(new Dimension(390, 844));
        try {
            Long overflow = (Long) ((JavascriptExecutor) browser).executeScript(
                    "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
            assertTrue(overflow <= 0, "the page scrolls sideways at phone width by " + overflow + " px");
            shot("clients-phone");
        } finally {
            browser.manage().window().setSize(new Dimension(1280, 900));
        }
    }

    @Test
    @Order(5)
    void simulateAnAttemptHistoryAndTakeItAsAScenario() throws Exception {
        open("/console/simulator");
        type("clientId", CLIENT);
        type("prospectId", "p-1");
        type("callAt", "2026-11-04T10:00:00-06:00");
        byId("add-touch").click();
        type("touchAt-0", "2026-11-02T10:00:00-06:00");
        new Select(byId("touchOutcome-0")).selectByValue("NO_ANSWER");
        byId("add-touch").click();
        type("touchAt-1", "2026-11-03T10:00:00-06:00");
        new Select(byId("touchOutcome-1")).selectByValue("VOICEMAIL_SKIPPED");
        byId("add-touch").click();
        byId("touch-2");
        browser.findElement(By.cssSelector("button[aria-label='Remove touch 3']")).click();
        // the page removes it in its click handler: waited for, as a loaded machine may run that after this line
        assertTrue(wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("touch-2"))), "the removed touch is still shown");
        assertTrue(browser.findElements(By.id("touch-2")).isEmpty(), "the removed touch is still in the page");
        byId("decide").click();

        assertEquals("LEAVE_VOICEMAIL", byId("action").getText());
        assertTrue(byId("reasons").getText().contains("leave the next voicemail of the sequence"), byId("reasons").getText());
        assertTrue(byId("message").getText().contains("we cut calibration downtime by half"), byId("message").getText());
        assertTrue(byId("next").getText().contains("ACTIVE"), byId("next").getText());
        String yaml = byId("scenario").getText();
        JsonNode file = new YAMLMapper().readTree(yaml);
        assertEquals("cadence", file.path("policy").asText());
        assertEquals("LEAVE_VOICEMAIL", file.path("cases").path(0).path("expect").path("action").asText());
        assertEquals(2, file.path("cases").path(0).path("request").path("attempts").size());
        shot("simulator");
        accessible("simulator");

        // the download is the same file, and the scenario tests of the packaged jar pass it
        Response download = fromTheBrowser().formParam("op", "scenario").post("/console/simulator");
        assertEquals(200, download.statusCode(), download.asString());
        assertTrue(download.header("Content-Disposition").startsWith("attachment; filename=\"acme-scales-p-1.yaml\""));
        assertEquals(yaml.strip(), download.asString().strip());
        Path tests = tmp.resolve("scenario-rules");
        TempRulesProfile.copyTree(Path.of("rules"), tests);
        Files.writeString(tests.resolve("tests/from-console.yaml"), download.asString());
        Process run = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                System.getProperty("app.jar", "target/quarkus-app/quarkus-run.jar"), "test", tests.toString())
                .redirectErrorStream(true).start();
        String out = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(run.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, run.exitValue(), out);
        assertTrue(out.contains("from-console.yaml"), out);

        // one touch fewer: not yet a couple of calls, so hang up
        WebElement remove = browser.findElement(By.cssSelector("button[aria-label='Remove touch 2']"));
        remove.click();
        // htmx swaps the form, decide button included: clicking the old one failed once in CI (a detached node)
        wait.until(ExpectedConditions.stalenessOf(remove));
        byId("decide").click();
        wait.until(ExpectedConditions.textToBe(By.id("action"), "HANG_UP"));
        assertTrue(byId("reasons").getText().contains("a couple of calls before the next voicemail"), byId("reasons").getText());
    }

    /** The simulator's form as the browser holds it, posted with the browser's own cookies. */
    private RequestSpecification fromTheBrowser() {
        RequestSpecification spec = RestAssured.given().baseUri(base).redirects().follow(false)
                .contentType("application/x-www-form-urlencoded; charset=UTF-8");
        browser.manage().getCookies().forEach(c -> spec.cookie(c.getName(), c.getValue()));
        for (WebElement input : browser.findElements(By.cssSelector("#simulator-form input, #simulator-form select"))) {
            String name = input.getAttribute("name");
            if (name != null && !name.isEmpty()) {
                spec.formParam(name, input.getAttribute("value"));
            }
        }
        return spec;
    }

    @Test
    @Order(6)
    void rulesShowTheLoadedSetTheLastErrorAndValidateACandidate() throws Exception {
        Path broken = rules.resolve("policies/zz-broken.drl");
        Files.writeString(broken, "package rules.policies.broken;\n\nrule \"half a rule\"\nwhen\n  then\nend oops\n");
        try {
            long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (api().get("/v1/rules").then().extract().path("lastError") == null && System.nanoTime() < until) {
                Thread.sleep(200);
            }
            open("/console/rules");
            assertTrue(byId("version").getText().startsWith("sha256:"), byId("version").getText());
            assertTrue(byId("files").getText().contains("policies/cadence.drl"), byId("files").getText());
            assertTrue(byId("last-error").getText().contains("policies/zz-broken.drl:"), byId("last-error").getText());
        } finally {
            Files.delete(broken);
        }

        type("path", "policies/candidate.drl");
        type("drl", "package rules.policies.candidate;\n\nrule \"unfinished\"\nwhen\nthen\nend oops\n");
        byId("validate").click();
        WebElement problems = byId("problems");
        assertTrue(problems.getText().contains("policies/candidate.drl:"), problems.getText());
        assertTrue(byId("invalid").getText().startsWith("Not valid"));
        shot("rules");
        accessible("rules");

        type("path", "policies/always.drl");
        type("drl", Files.readString(Path.of("rules/policies/always.drl")));
        byId("validate").click();
        assertTrue(byId("valid").getText().startsWith("Valid"));
        byId("impact").click();
        assertTrue(byId("impact-summary").getText().contains("replayed decisions would change"), byId("impact-summary").getText());
        // nothing was loaded
        assertEquals(byId("version").getText(), api().get("/v1/rules").then().extract().path("version"));
    }

    @Test
    @Order(7)
    void decisionsWithFiltersDetailAndReplay() throws Exception {
        for (String prospect : List.of("p-100", "p-101")) {
            api().body(Map.of("clientId", CLIENT, "prospect", Map.of("id", prospect),
                    "call", Map.of("at", "2026-11-23T10:35:00-06:00"))).post("/v1/decisions").then().statusCode(200);
        }
        api().body(Map.of("clientId", "globex", "prospect", Map.of("id", "p-200"),
                "call", Map.of("at", "2026-11-23T10:35:00-06:00"))).post("/v1/decisions").then().statusCode(200);
        long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (api().get("/v1/decisions").then().extract().jsonPath().getList("items").size() < 3 && System.nanoTime() < until) {
            Thread.sleep(200);
        }
        open("/console/decisions");
        assertEquals(3, browser.findElements(By.cssSelector("#decisions tbody tr")).size());
        shot("decisions");
        accessible("decisions");

        type("clientId", CLIENT);
        new Select(byId("action")).selectByValue("HANG_UP");
        byId("filter").click();
        wait.until(ExpectedConditions.urlContains("clientId=" + CLIENT));
        List<WebElement> rows = browser.findElements(By.cssSelector("#decisions tbody tr"));
        assertEquals(2, rows.size());
        assertTrue(rows.stream().allMatch(r -> r.getText().contains(CLIENT) && r.getText().contains("HANG_UP")));

        rows.get(0).findElement(By.tagName("a")).click();
        assertEquals("HANG_UP", byId("action").getText());
        byId("replay").click();
        assertTrue(byId("unchanged").getText().contains("same answer"), byId("unchanged").getText());
        shot("decision");
        accessible("decision");
    }

    @Test
    @Order(8)
    void anExperimentsArmsProgressReportAndChart() throws Exception {
        String experiment = "/v1/clients/" + CLIENT + "/experiments/voicemail-or-not";
        api().body(Map.of("description", "Does a voicemail bring more call-backs than none?",
                "arms", List.of(Map.of("name", "no-voicemail", "policy", "never", "weight", 1),
                        Map.of("name", "voicemail", "policy", "always", "weight", 1)),
                "primaryMetric", "callback", "windowDays", 7, "plannedProspectsPerArm", 20)).put(experiment).then().statusCode(201);
        open("/console/experiments");
        new Select(byId("clientId")).selectByValue(CLIENT);
        byId("show").click();
        wait.until(ExpectedConditions.urlContains("clientId=" + CLIENT));
        assertTrue(byId("experiments").getText().contains("DRAFT"), byId("experiments").getText());
        browser.findElement(By.linkText("voicemail-or-not")).click();
        byId("start").click();
        assertTrue(textStartingWith("notice", "Started").startsWith("Started"), byId("notice").getText());
        assertEquals("RUNNING", api().get(experiment).then().extract().path("status"));

        // decisions in the arms, and call-backs from the CRM
        List<String> ids = new ArrayList<>();
        List<Map<String, Object>> outcomes = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            ids.add(api().body(Map.of("clientId", CLIENT, "prospect", Map.of("id", "e-" + i),
                    "call", Map.of("at", "2026-11-24T10:35:00-06:00", "remainingAttemptsToday", 0)))
                    .post("/v1/decisions").then().statusCode(200).extract().path("decisionId"));
            if (i % 4 == 0 || i % 7 == 0) {
                outcomes.add(Map.of("clientId", CLIENT, "prospectId", "e-" + i, "kind", "CALLBACK", "eventId", "cb-e-" + i,
                        "occurredAt", "2026-11-25T09:00:00-06:00"));
            }
        }
        long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        for (String id : ids) {
            while (api().get("/v1/decisions/" + id).statusCode() != 200 && System.nanoTime() < until) {
                Thread.sleep(100);
            }
        }
        api().body(Map.of("outcomes", outcomes)).post("/v1/outcomes").then().statusCode(org.hamcrest.Matchers.oneOf(200, 201));
        io.restassured.path.json.JsonPath report = api().get(experiment + "/report").then().statusCode(200).extract().jsonPath();

        open("/console/experiments/detail?clientId=" + CLIENT + "&id=voicemail-or-not");
        assertEquals(report.getString("verdict.text"), byId("verdict").getText());
        String arms = byId("report-arms").getText();
        for (int i = 0; i < 2; i++) {
            String at = "arms[" + i + "].";
            long prospects = report.getLong(at + "prospects");
            assertTrue(arms.contains(report.getString(at + "name") + " " + prospects + " " + report.getLong(at + "decisions") + " "
                    + report.getLong(at + "voicemailsLeft")), arms);
            assertTrue(byId("arms").getText().contains(prospects + " of 20 prospects"), byId("arms").getText());
        }
        WebElement chart = byId("chart");
        assertEquals("img", chart.getAttribute("role"));
        assertTrue(chart.getAttribute("aria-label").startsWith("callback rate per arm with its 95% interval: no-voicemail "),
                chart.getAttribute("aria-label"));
        assertEquals(2, chart.findElements(By.tagName("circle")).size());
        assertTrue(byId("metrics").getText().contains("callback (primary)"), byId("metrics").getText());
        shot("experiment");
        accessible("experiment");

        byId("stop").click();
        assertTrue(textStartingWith("notice", "Stopped").startsWith("Stopped"), byId("notice").getText());
        assertEquals("STOPPED", api().get(experiment).then().extract().path("status"));
        open("/console/experiments?clientId=" + CLIENT);
        assertTrue(byId("experiments").getText().contains("STOPPED"), byId("experiments").getText());
        shot("experiments");
        accessible("experiments");
    }

    @Test
    @Order(9)
    void signOut() {
        open("/console/decisions");
        browser.findElement(By.cssSelector("form.signout button")).click();
        wait.until(ExpectedConditions.urlContains("/console/sign-in"));
        open("/console/clients");
        wait.until(ExpectedConditions.urlContains("/console/sign-in"));
    }
}
