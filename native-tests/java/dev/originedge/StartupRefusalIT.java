package dev.originedge;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import dev.originedge.testing.PackagedApp;

/**
 * The packaged app (jar or native binary) refuses to start on an invalid configuration, saying which setting
 * to fix, without a stack trace and without echoing a secret.
 */
class StartupRefusalIT {

    private static String refusal(String... properties) throws Exception {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("quarkus.http.port", "0");
        for (String p : properties) {
            config.put(p.substring(0, p.indexOf('=')), p.substring(p.indexOf('=') + 1));
        }
        Process process = PackagedApp.builder(config).start();
        boolean exited = process.waitFor(60, TimeUnit.SECONDS);
        if (!exited) {
            process.destroyForcibly();
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(exited, "the app started although its configuration is invalid:\n" + output);
        assertNotEquals(0, process.exitValue(), output);
        assertFalse(output.contains("\tat "), "a stack trace was printed:\n" + output);
        return output;
    }

    @Test
    void withNoOriginItSaysWhatToSet() throws Exception {
        String output = refusal();
        assertTrue(output.contains("No origin is configured: set edge.origins.<name>.endpoint"), output);
    }

    @Test
    void aPopOverrideNamingAnUnknownOriginIsNamed() throws Exception {
        String output = refusal("edge.origins.us.endpoint=http://127.0.0.1:9", "edge.origins.us.bucket=b",
                "edge.origins.us.access-key-id=AKID", "edge.origins.us.secret-access-key=do-not-print-me",
                "edge.pops.AMS=eu");
        assertTrue(output.contains("edge.pops.AMS names origin 'eu'"), output);
        assertFalse(output.contains("do-not-print-me"), output);
    }

    @Test
    void anInvalidDeploymentPopIsNamed() throws Exception {
        String output = refusal("edge.origins.us.endpoint=http://127.0.0.1:9", "edge.origins.us.bucket=b",
                "edge.pop.default=Amsterdam");
        assertTrue(output.contains("edge.pop.default must be a 3-letter POP code"), output);
    }

    @Test
    void aMissingBucketIsNamed() throws Exception {
        String output = refusal("edge.origins.us.endpoint=http://127.0.0.1:9");
        assertTrue(output.contains("edge.origins.us.bucket"), output);
    }

    @Test
    void aPresetWithoutWhatItsEndpointNeedsIsNamed() throws Exception {
        String output = refusal("edge.origins.eu.provider=b2", "edge.origins.eu.bucket=b");
        assertTrue(output.contains("edge.origins.eu.region must be set for provider b2"), output);
        output = refusal("edge.origins.app.provider=heroku", "edge.origins.app.endpoint=https://a.example");
        assertTrue(output.contains("edge.origins.app.provider: unknown provider 'heroku'"), output);
    }

    @Test
    void edgeAuthWithoutSecretIsNamedAndASasTokenNeverPrinted() throws Exception {
        String output = refusal("edge.origins.app.provider=http", "edge.origins.app.endpoint=https://a.example",
                "edge.origins.app.edge-auth.mode=signature");
        assertTrue(output.contains("edge.origins.app.edge-auth.secret must be set"), output);
        output = refusal("edge.origins.az.provider=azure", "edge.origins.az.bucket=web",
                "edge.origins.az.sas-token=sv=1&sig=do-not-print-me", "edge.origins.az.forward-query=true",
                "edge.origins.az.account=acct");
        assertTrue(output.contains("edge.origins.az.forward-query is for http origins only"), output);
        assertFalse(output.contains("do-not-print-me"), output);
    }

    @Test
    void aSharedSecretOverPlainHttpToAnotherHostIsNamedAndNeverPrinted() throws Exception {
        String output = refusal("edge.origins.app.provider=http", "edge.origins.app.endpoint=http://app.example.com",
                "edge.origins.app.edge-auth.mode=shared-secret", "edge.origins.app.edge-auth.secret=do-not-print-me");
        assertTrue(output.contains("edge.origins.app.edge-auth.mode=shared-secret sends the secret in the clear"),
                output);
        assertTrue(output.contains("edge.origins.app.edge-auth.allow-plaintext=true"), output);
        assertFalse(output.contains("do-not-print-me"), output);
    }

    @Test
    void anErrorPageForAStatusThatIsNoErrorIsNamed() throws Exception {
        String output = refusal("edge.origins.us.endpoint=http://127.0.0.1:9", "edge.origins.us.bucket=b",
                "edge.errors.\"40x\".body=<h1>x</h1>");
        assertTrue(output.contains("edge.errors.\"40x\": '40x' is not an error status"), output);
    }

    @Test
    void aCacheRuleWithAnInvalidGlobIsNamed() throws Exception {
        String output = refusal("edge.origins.us.endpoint=http://127.0.0.1:9", "edge.origins.us.bucket=b",
                "edge.cache.rules[0].path=/assets/***", "edge.cache.rules[0].cache-control=max-age=60");
        assertTrue(output.contains("edge.cache.rules[0].path is not a valid glob"), output);
    }

    @Test
    void anErrorPageWithNeitherObjectNorBodyIsNamed() throws Exception {
        String output = refusal("edge.origins.us.endpoint=http://127.0.0.1:9", "edge.origins.us.bucket=b",
                "edge.errors.\"404\".content-type=text/html");
        assertTrue(output.contains("edge.errors.\"404\" has neither an object nor a body"), output);
    }
}
