package dev.originedge.pop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.originedge.testing.Configs;
import io.quarkus.runtime.configuration.ConfigurationException;

class PopResolverTest {

    private static final UnaryOperator<String> NO_HEADERS = name -> null;

    private static PopResolver resolver(Map<String, String> properties, Map<String, String> env) {
        Map<String, String> all = new HashMap<>(properties);
        all.putIfAbsent("edge.pop.query-param-enabled", "true"); // as in dev and test; off by default (production)
        all.put("edge.origins.us.endpoint", "http://127.0.0.1:1");
        all.put("edge.origins.us.bucket", "b");
        return new PopResolver(Configs.edge(all).pop(), env);
    }

    private static PopResolver resolver(Map<String, String> properties) {
        return resolver(properties, Map.of());
    }

    @Test
    void theQueryParameterComesFirstAndIsCaseInsensitive() {
        assertEquals("AMS", resolver(Map.of()).resolve("pop=ams", NO_HEADERS));
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "AM", "AMSX", "A1S", "ÄMS", "AM S" })
    void aQueryParameterThatIsNotThreeLettersIsRefused(String pop) {
        assertThrows(InvalidPopException.class, () -> resolver(Map.of()).resolve("pop=" + pop, NO_HEADERS));
    }

    @Test
    void theQueryParameterIsIgnoredWhenSwitchedOff() {
        PopResolver resolver = resolver(Map.of("edge.pop.query-param-enabled", "false"));
        assertEquals("SJC", resolver.resolve("pop=AMS", NO_HEADERS));
        assertEquals("SJC", resolver.resolve("pop=not-even-valid", NO_HEADERS));
    }

    @Test
    void theHeaderIsTrustedOnlyWhenConfigured() {
        UnaryOperator<String> headers = name -> name.equalsIgnoreCase("X-Edge-Pop") ? "lhr" : null;
        assertEquals("SJC", resolver(Map.of()).resolve(null, headers));
        assertEquals("LHR", resolver(Map.of("edge.pop.header", "X-Edge-Pop")).resolve(null, headers));
    }

    @Test
    void theQueryParameterWinsOverTheHeader() {
        UnaryOperator<String> headers = name -> "LHR";
        assertEquals("NRT", resolver(Map.of("edge.pop.header", "X-Edge-Pop")).resolve("pop=NRT", headers));
    }

    @Test
    void anInvalidHeaderValueIsRefused() {
        UnaryOperator<String> headers = name -> "London";
        assertThrows(InvalidPopException.class,
                () -> resolver(Map.of("edge.pop.header", "X-Edge-Pop")).resolve(null, headers));
    }

    @Test
    void theEnvironmentNamesTheDeploymentPop() {
        assertEquals("FRA", resolver(Map.of(), Map.of("EDGE_POP", "fra")).resolve(null, NO_HEADERS));
        assertEquals("NRT", resolver(Map.of(), Map.of("FASTLY_POP", "NRT")).resolve(null, NO_HEADERS));
        assertEquals("FRA", resolver(Map.of(), Map.of("EDGE_POP", "FRA", "FASTLY_POP", "NRT"))
                .resolve(null, NO_HEADERS));
    }

    @Test
    void theRequestWinsOverTheEnvironmentAndTheEnvironmentOverTheDefault() {
        PopResolver resolver = resolver(Map.of("edge.pop.default", "SYD"), Map.of("EDGE_POP", "FRA"));
        assertEquals("AMS", resolver.resolve("pop=AMS", NO_HEADERS));
        assertEquals("FRA", resolver.resolve(null, NO_HEADERS));
        assertEquals("SYD", resolver(Map.of("edge.pop.default", "syd")).resolve(null, NO_HEADERS));
    }

    @Test
    void anInvalidDeploymentPopStopsTheStartWithTheSettingsName() {
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> resolver(Map.of(), Map.of("EDGE_POP", "Frankfurt")));
        assertTrue(e.getMessage().contains("EDGE_POP"), e.getMessage());
        e = assertThrows(ConfigurationException.class, () -> resolver(Map.of("edge.pop.default", "X")));
        assertTrue(e.getMessage().contains("edge.pop.default"), e.getMessage());
    }
}
