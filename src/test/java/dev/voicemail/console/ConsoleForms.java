package dev.voicemail.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * The console as a browser without JavaScript sees it, over plain HTTP: cookies kept by hand, forms
 * posted with the CSRF token of the page they came from. For the attacker's-side tests.
 */
final class ConsoleForms {

    private static final Pattern TOKEN = Pattern.compile("name=\"csrf-token\" value=\"([^\"]+)\"");

    final Map<String, String> cookies = new HashMap<>();
    String token;

    /** A GET with the cookies held; keeps what the answer sets and the page's CSRF token. */
    Response get(String path) {
        Response r = request().get(path);
        keep(r);
        return r;
    }

    /** A form POST with the cookies held and {@code fields}, as is (add csrf-token yourself, or not). */
    Response post(String path, Map<String, String> fields) {
        RequestSpecification spec = request().contentType("application/x-www-form-urlencoded; charset=UTF-8");
        fields.forEach(spec::formParam);
        Response r = spec.post(path);
        keep(r);
        return r;
    }

    /** A form POST carrying the token of the last page. */
    Response submit(String path, Map<String, String> fields) {
        Map<String, String> all = new HashMap<>(fields);
        all.put("csrf-token", token);
        return post(path, all);
    }

    RequestSpecification request() {
        return RestAssured.given().redirects().follow(false).cookies(cookies);
    }

    private void keep(Response r) {
        r.getDetailedCookies().asList().forEach(c -> {
            if (c.getMaxAge() == 0) {
                cookies.remove(c.getName());
            } else {
                cookies.put(c.getName(), c.getValue());
            }
        });
        Matcher m = TOKEN.matcher(r.asString());
        if (m.find()) {
            token = m.group(1);
        }
    }

    /** Signs in with a key through the form; the session cookie is kept. */
    static ConsoleForms signedIn(String key) {
        ConsoleForms browser = new ConsoleForms();
        browser.get(ConsolePaths.SIGN_IN);
        Response r = browser.submit(ConsolePaths.SIGN_IN, Map.of("key", key));
        assertEquals(303, r.statusCode(), r.asString());
        assertNotNull(browser.cookies.get(ConsoleSessions.COOKIE), "no session cookie after sign-in");
        return browser;
    }
}
