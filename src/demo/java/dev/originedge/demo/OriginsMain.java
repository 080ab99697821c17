package dev.originedge.demo;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Runs the demo's two origins outside the proxy, for benchmarks and container checks:
 * {@code OriginsMain <usPort> <euPort> [config-file]}. Writes the proxy configuration for them to the file
 * (as application.properties lines) or stdout, prints {@code READY}, and serves until killed.
 */
public final class OriginsMain {

    private OriginsMain() {
    }

    public static void main(String[] args) throws Exception {
        int usPort = args.length > 0 ? Integer.parseInt(args[0]) : DemoSite.US_PORT;
        int euPort = args.length > 1 ? Integer.parseInt(args[1]) : DemoSite.EU_PORT;
        S3Origin[] origins = DemoSite.start(usPort, euPort);
        StringBuilder config = new StringBuilder();
        DemoSite.config(origins[0].port(), origins[1].port())
                .forEach((key, value) -> config.append(key).append('=').append(value).append('\n'));
        if (args.length > 2) {
            Files.writeString(Path.of(args[2]), config);
        } else {
            System.out.print(config);
        }
        System.out.println("READY");
        Thread.currentThread().join();
    }
}
