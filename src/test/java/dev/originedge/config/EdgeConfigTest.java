package dev.originedge.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.originedge.config.Addressing;
import dev.originedge.testing.Configs;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

class EdgeConfigTest {

    @Test
    void defaultsAreTheDocumentedOnes() {
        EdgeConfig config = Configs.edge(Map.of("edge.origins.us.endpoint", "https://s3.us-west-004.backblazeb2.com",
                "edge.origins.us.bucket", "b"));
        assertEquals(List.of("us"), config.defaultOrigin());
        assertEquals("SJC", config.pop().fallback());
        assertFalse(config.pop().queryParamEnabled(), "production: clients must not choose the POP");
        assertTrue(config.pop().header().isEmpty());
        assertEquals(Duration.ofSeconds(10), config.originTimeout());
        assertEquals(Duration.ofSeconds(2), config.connectTimeout());
        assertEquals(Duration.ofSeconds(30), config.idleTimeout());
        assertEquals(Duration.ofSeconds(10), config.requestHeaderTimeout());
        assertEquals(EdgeConfig.Selection.POP_MAP, config.selection());
        assertEquals(java.util.Set.of(500, 502, 503, 504), config.failover().statuses());
        assertEquals(3, config.health().consecutiveFailures());
        assertEquals(Duration.ofSeconds(30), config.health().ejectionTime());
        assertEquals(Duration.ofMinutes(5), config.health().maxEjectionTime());
        assertEquals(0.01, config.fastest().exploreRatio());
        assertEquals(1000, config.pool().maxConnections());
        assertEquals(1000, config.pool().maxWaiting());
        EdgeConfig.OriginConfig us = config.origins().get("us");
        assertTrue(us.addressing().isEmpty()); // the provider's
        assertTrue(us.accessKeyId().isEmpty());
        assertTrue(us.provider().isEmpty());
        assertFalse(us.forwardQuery());
        assertEquals("none", us.edgeAuth().mode());
        assertEquals("edge-auth", us.edgeAuth().header());
        assertTrue(us.edgeAuth().secret().isEmpty());
    }

    @ParameterizedTest
    @CsvSource({ "prod, false", "dev, true", "test, true" })
    void thePopQueryParameterIsOnlyOnInDevAndTest(String profile, boolean enabled) throws Exception {
        SmallRyeConfig config = new SmallRyeConfigBuilder().withProfile(profile)
                .withSources(new PropertiesConfigSource(getClass().getResource("/application.properties"), 250))
                .withSources(new PropertiesConfigSource(Map.of("edge.origins.us.endpoint", "http://127.0.0.1:1",
                        "edge.origins.us.bucket", "b"), "origins", 100))
                .withConverter(Duration.class, 100, new DurationConverter())
                .withConverter(io.quarkus.runtime.configuration.MemorySize.class, 100,
                        new io.quarkus.runtime.configuration.MemorySizeConverter())
                .withMapping(EdgeConfig.class).build();
        assertEquals(enabled, config.getConfigMapping(EdgeConfig.class).pop().queryParamEnabled());
    }

    @Test
    void everyPropertyOfTheContractIsRead() {
        EdgeConfig config = Configs.edge(Map.ofEntries(
                Map.entry("edge.origins.eu.endpoint", "https://s3.eu-central-003.backblazeb2.com"),
                Map.entry("edge.origins.eu.bucket", "my-bucket"),
                Map.entry("edge.origins.eu.region", "eu-central-003"),
                Map.entry("edge.origins.eu.addressing", "path"),
                Map.entry("edge.origins.eu.access-key-id", "id"),
                Map.entry("edge.origins.eu.secret-access-key", "secret"),
                Map.entry("edge.origins.eu.connect-to", "127.0.0.1:9000"),
                Map.entry("edge.origins.eu.host-header", "cdn.example.com"),
                Map.entry("edge.origins.eu.path-prefix", "/site"),
                Map.entry("edge.origins.r2.provider", "r2"),
                Map.entry("edge.origins.r2.account", "acct"),
                Map.entry("edge.origins.b2n.provider", "b2-native"),
                Map.entry("edge.origins.b2n.download-host", "f003.backblazeb2.com"),
                Map.entry("edge.origins.b2n.download-token", "tok"),
                Map.entry("edge.origins.az.sas-token", "sv=1&sig=x"),
                Map.entry("edge.origins.app.provider", "http"),
                Map.entry("edge.origins.app.forward-query", "true"),
                Map.entry("edge.origins.app.edge-auth.mode", "signature"),
                Map.entry("edge.origins.app.edge-auth.header", "x-edge-auth"),
                Map.entry("edge.origins.app.edge-auth.secret", "s3cr3t"),
                Map.entry("edge.default-origin", "eu"),
                Map.entry("edge.pops.AMS", "eu,us"),
                Map.entry("edge.pop.default", "AMS"),
                Map.entry("edge.pop.query-param-enabled", "false"),
                Map.entry("edge.pop.header", "X-Edge-Pop"),
                Map.entry("edge.origin-timeout", "3s"),
                Map.entry("edge.connect-timeout", "1500ms"),
                Map.entry("edge.idle-timeout", "1m"),
                Map.entry("edge.selection", "fastest"),
                Map.entry("edge.failover.statuses", "503,404"),
                Map.entry("edge.health.consecutive-failures", "5"),
                Map.entry("edge.health.ejection-time", "10s"),
                Map.entry("edge.health.max-ejection-time", "1m"),
                Map.entry("edge.fastest.explore-ratio", "0.05"),
                Map.entry("edge.pool.max-connections", "50"),
                Map.entry("edge.pool.max-waiting", "5")));
        EdgeConfig.OriginConfig eu = config.origins().get("eu");
        assertEquals("my-bucket", eu.bucket().orElseThrow());
        assertEquals("eu-central-003", eu.region().orElseThrow());
        assertEquals(Addressing.PATH, eu.addressing().orElseThrow());
        assertEquals("127.0.0.1:9000", eu.connectTo().orElseThrow());
        assertEquals("cdn.example.com", eu.hostHeader().orElseThrow());
        assertEquals("/site", eu.pathPrefix().orElseThrow());
        assertEquals("r2", config.origins().get("r2").provider().orElseThrow());
        assertEquals("acct", config.origins().get("r2").account().orElseThrow());
        assertEquals("f003.backblazeb2.com", config.origins().get("b2n").downloadHost().orElseThrow());
        assertEquals("tok", config.origins().get("b2n").downloadToken().orElseThrow());
        assertEquals("sv=1&sig=x", config.origins().get("az").sasToken().orElseThrow());
        EdgeConfig.OriginConfig app = config.origins().get("app");
        assertTrue(app.forwardQuery());
        assertEquals("signature", app.edgeAuth().mode());
        assertEquals("x-edge-auth", app.edgeAuth().header());
        assertEquals("s3cr3t", app.edgeAuth().secret().orElseThrow());
        assertEquals(List.of("eu", "us"), config.pops().get("AMS"));
        assertEquals("AMS", config.pop().fallback());
        assertFalse(config.pop().queryParamEnabled());
        assertEquals("X-Edge-Pop", config.pop().header().orElseThrow());
        assertEquals(Duration.ofSeconds(3), config.originTimeout());
        assertEquals(Duration.ofMillis(1500), config.connectTimeout());
        assertEquals(Duration.ofMinutes(1), config.idleTimeout());
        assertEquals(EdgeConfig.Selection.FASTEST, config.selection());
        assertEquals(java.util.Set.of(503, 404), config.failover().statuses());
        assertEquals(5, config.health().consecutiveFailures());
        assertEquals(Duration.ofSeconds(10), config.health().ejectionTime());
        assertEquals(Duration.ofMinutes(1), config.health().maxEjectionTime());
        assertEquals(0.05, config.fastest().exploreRatio());
        assertEquals(50, config.pool().maxConnections());
        assertEquals(5, config.pool().maxWaiting());
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({
            "edge.connect-timeout, 0s", "edge.origin-timeout, -1s", "edge.idle-timeout, 0ms",
            "edge.health.ejection-time, 0s", "edge.health.consecutive-failures, 0", "edge.pool.max-connections, 0",
            "edge.fastest.explore-ratio, 1.5", "edge.failover.statuses, 200", "edge.health.max-ejection-time, 1s",
            "edge.request-header-timeout, 0s", "edge.request-header-timeout, -5s" })
    void impossibleSettingsStopTheStartNamingTheProperty(String property, String value) {
        EdgeConfig config = Configs.edge(Map.of("edge.origins.us.endpoint", "https://s3.amazonaws.com",
                "edge.origins.us.bucket", "b", property, value));
        var e = org.junit.jupiter.api.Assertions.assertThrows(
                io.quarkus.runtime.configuration.ConfigurationException.class, () -> SettingsCheck.validate(config));
        assertTrue(e.getMessage().contains(property), e.getMessage());
    }

    @Test
    void credentialsCanComeFromEnvironmentVariablesLikeKubernetesSecrets() {
        EdgeConfig config = Configs.edge(
                Map.of("edge.origins.eu.endpoint", "https://s3.eu-central-003.backblazeb2.com",
                        "edge.origins.eu.bucket", "b"),
                Map.of("EDGE_ORIGINS_EU_ACCESS_KEY_ID", "env-id", "EDGE_ORIGINS_EU_SECRET_ACCESS_KEY", "env-secret",
                        "EDGE_ORIGIN_TIMEOUT", "4s"));
        assertEquals("env-id", config.origins().get("eu").accessKeyId().orElseThrow());
        assertEquals("env-secret", config.origins().get("eu").secretAccessKey().orElseThrow());
        assertEquals(Duration.ofSeconds(4), config.originTimeout());
    }

    @Test
    void anEdgeAuthSecretCanComeFromItsEnvironmentVariable() {
        EdgeConfig config = Configs.edge(
                Map.of("edge.origins.app.provider", "http", "edge.origins.app.endpoint", "https://app.example.com",
                        "edge.origins.app.edge-auth.mode", "signature"),
                Map.of("EDGE_ORIGINS_APP_EDGE_AUTH_SECRET", "from-env"));
        assertEquals("from-env", config.origins().get("app").edgeAuth().secret().orElseThrow());
        assertEquals("edge-auth", config.origins().get("app").edgeAuth().header());
    }

    @Test
    void aWholeOriginCanBeConfiguredFromTheEnvironment() {
        EdgeConfig config = Configs.edge(Map.of(), Map.of(
                "EDGE_ORIGINS_US_ENDPOINT", "https://s3.us-west-004.backblazeb2.com",
                "EDGE_ORIGINS_US_BUCKET", "env-bucket",
                "EDGE_POP_QUERY_PARAM_ENABLED", "false"));
        assertEquals("env-bucket", config.origins().get("us").bucket().orElseThrow());
        assertFalse(config.pop().queryParamEnabled());
    }
}
