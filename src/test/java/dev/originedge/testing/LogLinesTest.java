package dev.originedge.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A test sees the log lines written after its mark, whole lines only, and waits for the one it expects. */
class LogLinesTest {

    @TempDir
    Path dir;

    private static void append(Path file, String text) throws Exception {
        Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    @Test
    void onlyLinesWrittenAfterTheMarkAreSeen() throws Exception {
        Path log = dir.resolve("app.log");
        append(log, "an earlier test's line: Origin down is unreachable\n");
        LogLines mark = LogLines.mark(log);
        assertEquals(List.of(), mark.linesSince());
        append(log, "mine 1\nmine 2 (ünïcödé)\n");
        assertEquals(List.of("mine 1", "mine 2 (ünïcödé)"), mark.linesSince());
        assertEquals(List.of("an earlier test's line: Origin down is unreachable", "mine 1", "mine 2 (ünïcödé)"),
                LogLines.from(log, 0).linesSince());
    }

    @Test
    void aLineStillBeingWrittenIsNotThereYet() throws Exception {
        Path log = dir.resolve("app.log");
        LogLines mark = LogLines.mark(log); // no file yet
        append(log, "whole\nhal");
        assertEquals(List.of("whole"), mark.linesSince());
        append(log, "f\n");
        assertEquals(List.of("whole", "half"), mark.linesSince());
    }

    @Test
    void aMarkInTheMiddleOfALineSkipsTheRestOfThatLine() throws Exception {
        Path log = dir.resolve("app.log");
        append(log, "before the mark, still being wri");
        LogLines mark = LogLines.mark(log);
        append(log, "tten\nafter\n");
        assertEquals(List.of("after"), mark.linesSince());
    }

    @Test
    void aFileReplacedSinceTheMarkIsReadFromItsStart() throws Exception {
        Path log = dir.resolve("app.log");
        append(log, "a long line from the app's previous start\n");
        LogLines mark = LogLines.mark(log);
        Files.delete(log);
        append(log, "new\n");
        assertEquals(List.of("new"), mark.linesSince());
    }

    @Test
    void awaitLineWaitsForTheLineAndReturnsIt() throws Exception {
        Path log = dir.resolve("app.log");
        append(log, "WARN Origin wrongkey answered 403 SignatureDoesNotMatch (an earlier test)\n");
        LogLines mark = LogLines.mark(log);
        CompletableFuture<Void> later = CompletableFuture.runAsync(() -> {
            try {
                append(log, "INFO other\n");
                TimeUnit.MILLISECONDS.sleep(300); // the line comes a moment after the test asks for it
                append(log, "WARN Origin wrongkey answered 403 SignatureDoesNotMatch: check\n");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertEquals("WARN Origin wrongkey answered 403 SignatureDoesNotMatch: check",
                mark.awaitLine("SignatureDoesNotMatch"));
        later.get(5, TimeUnit.SECONDS);
    }

    @Test
    void aLineThatNeverComesFailsNamingWhatWasThere() throws Exception {
        Path log = dir.resolve("app.log");
        append(log, "Origin down is unreachable (an earlier test)\n");
        LogLines mark = LogLines.mark(log);
        append(log, "something else\n");
        AssertionError e = assertThrows(AssertionError.class, () -> mark.awaitLines("the unreachable line",
                l -> l.contains("unreachable"), 1, Duration.ofMillis(300)));
        assertTrue(e.getMessage().contains("the unreachable line") && e.getMessage().contains("something else")
                && !e.getMessage().contains("earlier test"), e.getMessage());
    }

    @Test
    void awaitLinesCountsMatchingLines() throws Exception {
        Path log = dir.resolve("app.log");
        LogLines mark = LogLines.mark(log);
        append(log, "abort 1\nok\nabort 2\n");
        assertEquals(List.of("abort 1", "abort 2"),
                mark.awaitLines("aborts", l -> l.startsWith("abort"), 2, Duration.ofSeconds(1)));
        assertThrows(AssertionError.class,
                () -> mark.awaitLines("aborts", l -> l.startsWith("abort"), 3, Duration.ofMillis(200)));
    }
}
