package dev.originedge.edgeauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Python and shell recipes in docs/edge-auth accept exactly what {@link EdgeAuthVerifier#header} makes for now,
 * and reject it tampered, expired or signed with another secret.
 */
class EdgeAuthRecipesTest {

    private static final String SECRET = "recipe-secret";

    private static long now() {
        return Instant.now().getEpochSecond();
    }

    /** The recipe's command line: its interpreter must be on the PATH, and openssl for the shell one. */
    private static List<String> command(String recipe) {
        List<String> command = recipe.equals("verify.py")
                ? List.of("python3", "docs/edge-auth/verify.py")
                : List.of("sh", "docs/edge-auth/verify.sh");
        Assumptions.assumeTrue(onPath(command.get(0)), command.get(0) + " is not on the PATH");
        Assumptions.assumeTrue(!recipe.equals("verify.sh") || onPath("openssl"), "openssl is not on the PATH");
        return command;
    }

    private static boolean onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }

    /** The recipe's exit status for this header, with the secret in EDGE_AUTH_SECRET. */
    private static int run(String recipe, String secret, String header) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(command(recipe));
        command.add(header);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("EDGE_AUTH_SECRET", secret);
        builder.environment().remove("MAX_AGE");
        builder.environment().remove("MAX_SKEW");
        Process process = builder.start();
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), recipe + " did not finish");
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        System.out.printf("%s %s -> %d %s%n", recipe, header, process.exitValue(), output.strip());
        return process.exitValue();
    }

    @ParameterizedTest
    @ValueSource(strings = { "verify.py", "verify.sh" })
    void aFreshHeaderFromTheProxyIsAccepted(String recipe) throws Exception {
        assertEquals(0, run(recipe, SECRET, EdgeAuthVerifier.header(SECRET, now(), "AMS")));
    }

    @ParameterizedTest
    @ValueSource(strings = { "verify.py", "verify.sh" })
    void withoutTheSpaceAfterTheSecondCommaItIsStillAccepted(String recipe) throws Exception {
        assertEquals(0, run(recipe, SECRET, EdgeAuthVerifier.header(SECRET, now(), "SJC").replace(", ", ",")));
    }

    @ParameterizedTest
    @ValueSource(strings = { "verify.py", "verify.sh" })
    void aTamperedHeaderIsRejected(String recipe) throws Exception {
        String genuine = EdgeAuthVerifier.header(SECRET, now(), "AMS");
        assertEquals(1, run(recipe, SECRET, genuine.replace(",AMS,", ",SJC,")));
    }

    @ParameterizedTest
    @ValueSource(strings = { "verify.py", "verify.sh" })
    void aHeaderFromTenMinutesAgoIsRejected(String recipe) throws Exception {
        assertEquals(1, run(recipe, SECRET, EdgeAuthVerifier.header(SECRET, now() - 600, "AMS")));
    }

    @ParameterizedTest
    @ValueSource(strings = { "verify.py", "verify.sh" })
    void aHeaderSignedWithAnotherSecretIsRejected(String recipe) throws Exception {
        assertEquals(1, run(recipe, SECRET, EdgeAuthVerifier.header("another-secret", now(), "AMS")));
    }

    @ParameterizedTest
    @ValueSource(strings = { "verify.py", "verify.sh" })
    void malformedHeadersAreRejected(String recipe) throws Exception {
        for (String header : List.of("", "abc", "1,AMS", " " + EdgeAuthVerifier.header(SECRET, now(), "AMS"))) {
            assertEquals(1, run(recipe, SECRET, header), header);
        }
    }
}
