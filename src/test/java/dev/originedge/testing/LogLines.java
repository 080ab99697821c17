package dev.originedge.testing;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

import org.awaitility.core.ConditionTimeoutException;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * A log file from a mark on: what was written after one test started, not what earlier tests of the same app
 * left in the same file (one app serves many test classes, and the log is the app's).
 *
 * <pre>
 * LogLines log = LogLines.mark();   // at the start of the test
 * ... requests ...
 * log.awaitLine("Origin down is unreachable");   // waits for a line that is written after the response
 * assertFalse(log.textSince().contains(secret));
 * </pre>
 *
 * {@link #mark()} follows the app under test in both forms: a {@code @QuarkusTest} app writes the test profile's
 * {@code quarkus.log.file.path} (target/quarkus-test.log), and for a {@code @QuarkusIntegrationTest} Quarkus starts
 * the packaged app with {@code -Dquarkus.log.file.path} set to that same configured path, read in the test JVM
 * ({@code target/quarkus.log} when nothing is configured). An app that a test starts itself
 * ({@link PackagedApp}) logs to a file of its own: {@link #mark(Path)} or {@link #from(Path, long)}.
 * Only complete lines count; a file that was replaced since the mark (a new app start) is read from its start.
 */
public final class LogLines {

    /** How long a test waits for a line it expects: logging follows the response by milliseconds. */
    public static final Duration WAIT = Duration.ofSeconds(10);

    private final Path file;
    private final long offset;

    private LogLines(Path file, long offset) {
        this.file = file;
        this.offset = offset;
    }

    /** The log file of the app under test. */
    public static Path appLog() {
        String path = System.getProperty("quarkus.log.file.path");
        if (path == null) {
            path = ConfigProvider.getConfig().getOptionalValue("quarkus.log.file.path", String.class)
                    .orElse("target/quarkus.log");
        }
        return Path.of(path);
    }

    /** The app's log from its current end: only what is written from now on. */
    public static LogLines mark() {
        return mark(appLog());
    }

    /** {@code file} from its current end (or from its start, if it does not exist yet). */
    public static LogLines mark(Path file) {
        return new LogLines(file, size(file));
    }

    /** {@code file} from byte {@code offset} on; 0 for a file that only this test's app wrote. */
    public static LogLines from(Path file, long offset) {
        return new LogLines(file, offset);
    }

    public Path file() {
        return file;
    }

    /** The complete lines written since the mark. */
    public List<String> linesSince() {
        return textSince().lines().toList();
    }

    /** The complete lines written since the mark, as text (each line ending in a newline). */
    public String textSince() {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            // A file shorter than the mark was replaced (the app started again): all of it is new.
            long start = size < offset ? 0 : offset;
            // One byte before the mark: a mark taken in the middle of a line skips the rest of that line.
            long from = start > 0 ? start - 1 : 0;
            ByteBuffer bytes = ByteBuffer.allocate((int) Math.min(Integer.MAX_VALUE - 8, size - from));
            while (bytes.hasRemaining() && channel.read(bytes, from + bytes.position()) >= 0) {
                // read until the size seen above
            }
            String text = new String(bytes.array(), 0, bytes.position(), StandardCharsets.UTF_8);
            if (start > 0) {
                text = text.substring(text.indexOf('\n') + 1); // the mark's own line ended before the mark
            }
            return text.substring(0, text.lastIndexOf('\n') + 1); // a line still being written is not there yet
        } catch (NoSuchFileException e) {
            return "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits up to {@link #WAIT} for a line since the mark that contains {@code fragment}, and returns it. */
    public String awaitLine(String fragment) {
        return awaitLine("a line containing '" + fragment + "'", line -> line.contains(fragment));
    }

    /** Waits up to {@link #WAIT} for a line since the mark that matches, and returns it. */
    public String awaitLine(String description, Predicate<String> matching) {
        return awaitLines(description, matching, 1, WAIT).get(0);
    }

    /** Waits up to {@code wait} for {@code count} lines since the mark that match, and returns all that do. */
    public List<String> awaitLines(String description, Predicate<String> matching, int count, Duration wait) {
        try {
            return await(description).atMost(wait).pollInterval(Duration.ofMillis(50)).pollInSameThread()
                    .until(() -> linesSince().stream().filter(matching).toList(), lines -> lines.size() >= count);
        } catch (ConditionTimeoutException e) {
            List<String> lines = linesSince();
            List<String> matched = lines.stream().filter(matching).toList();
            throw new AssertionError("no " + (count > 1 ? count + " lines: " : "") + description + " in " + file
                    + " within " + wait.toSeconds() + " s (" + matched.size() + " matched); the last lines since "
                    + "the mark:\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size())));
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (NoSuchFileException e) {
            return 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
