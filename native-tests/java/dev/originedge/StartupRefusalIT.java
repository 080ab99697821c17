package dev.originedge;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * The packaged app (jar or native binary) refuses to start on an invalid configuration, saying which setting
 * to fix, without a stack trace and without echoing a secret.
 */
class StartupRefusalIT {

    private static List<String> command(String... properties) throws IOException {
        Properties artifact = new Properties();
        try (InputStream in = Files.newInputStream(Path.of("target", "quarkus-artifact.properties"))) {
            artifact.load(in);
        }
        Path path = Path.of("target").resolve(artifact.getProperty("path"));
        List<String> command = new ArrayList<>();
        if ("native".equals(artifact.getProperty("type"))) {
            command.add(path.toString());
        } else {
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        }
        command.add("-Dquarkus.http.port=0");
        for (String p : properties) {
            command.add("-D" + p);
        }
        if (!"native".equals(artifact.getProperty("type"))) {
            command.add("-jar");
            command.add(path.toString());
        }
        return command;
    }

    private static String refusal(String... properties) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command(properties)).redirectErrorStream(true);
        builder.environment().keySet().removeIf(k -> k.startsWith("EDGE_") || k.equals("FASTLY_POP"));
        Process process = builder.start();
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
}
