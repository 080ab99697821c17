package dev.originedge.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** The app runs one event loop per CPU unless the operator sets quarkus.vertx.event-loops-pool-size. */
@QuarkusTest
class EventLoopDefaultTest {

    @Test
    void oneEventLoopPerCpu() {
        assertEquals(Runtime.getRuntime().availableProcessors(), ConfigProvider.getConfig()
                .getValue("quarkus.vertx.event-loops-pool-size", Integer.class));
    }

    @Test
    void anythingTheOperatorSetsWins() {
        assertEquals(1, new EventLoopDefault().getOrdinal(), "below every other source, so any setting wins");
        assertEquals(String.valueOf(Runtime.getRuntime().availableProcessors()),
                new EventLoopDefault().getValue("quarkus.vertx.event-loops-pool-size"));
    }
}
