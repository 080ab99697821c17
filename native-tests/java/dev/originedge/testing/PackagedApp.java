package dev.originedge.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/** Starts the artifact that {@code ./mvnw verify} built (the jar, or the native binary with -Dnative) by hand. */
public final class PackagedApp {

    private PackagedApp() {
    }

    /** A process builder for the packaged app with these system properties; no EDGE_* from this environment. */
    public static ProcessBuilder builder(Map<String, String> properties) throws IOException {
        Properties artifact = new Properties();
        try (InputStream in = Files.newInputStream(Path.of("target", "quarkus-artifact.properties"))) {
            artifact.load(in);
        }
        Path path = Path.of("target").resolve(artifact.getProperty("path"));
        boolean nativeImage = "native".equals(artifact.getProperty("type"));
        List<String> command = new ArrayList<>();
        command.add(nativeImage ? path.toString() : Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx64m");
        properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        if (!nativeImage) {
            command.add("-jar");
            command.add(path.toString());
        }
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().keySet().removeIf(k -> k.startsWith("EDGE_") || k.equals("FASTLY_POP"));
        return builder;
    }

    private static final java.util.regex.Pattern LISTENING =
            java.util.regex.Pattern.compile("Listening on: http://[^:]+:(\\d+)");

    /** A started app and the port it listens on (-1 if it never did). */
    public record Running(Process process, int port) {
    }

    /** Starts the app with its output in {@code log} and waits (up to 60 s) for the port it listens on. */
    public static Running start(ProcessBuilder builder, Path log) throws Exception {
        Process app = builder.redirectOutput(log.toFile()).start();
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
        while (app.isAlive() && System.nanoTime() < deadline) {
            java.util.regex.Matcher m = LISTENING.matcher(Files.readString(log));
            if (m.find()) {
                return new Running(app, Integer.parseInt(m.group(1)));
            }
            Thread.sleep(20);
        }
        return new Running(app, -1);
    }
}
