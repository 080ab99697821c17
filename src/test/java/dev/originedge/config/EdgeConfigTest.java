package dev.originedge.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.originedge.origin.Addressing;
import dev.originedge.testing.Configs;

class EdgeConfigTest {

    @Test
    void defaultsAreTheDocumentedOnes() {
        EdgeConfig config = Configs.edge(Map.of("edge.origins.us.endpoint", "https://s3.us-west-004.backblazeb2.com",
                "edge.origins.us.bucket", "b"));
        assertEquals("us", config.defaultOrigin());
        assertEquals("SJC", config.pop().fallback());
        assertTrue(config.pop().queryParamEnabled());
        assertTrue(config.pop().header().isEmpty());
        assertEquals(Duration.ofSeconds(10), config.originTimeout());
        assertEquals(Addressing.VIRTUAL_HOST, config.origins().get("us").addressing());
        assertTrue(config.origins().get("us").accessKeyId().isEmpty());
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
                Map.entry("edge.default-origin", "eu"),
                Map.entry("edge.pops.AMS", "eu,us"),
                Map.entry("edge.pop.default", "AMS"),
                Map.entry("edge.pop.query-param-enabled", "false"),
                Map.entry("edge.pop.header", "X-Edge-Pop"),
                Map.entry("edge.origin-timeout", "3s")));
        EdgeConfig.OriginConfig eu = config.origins().get("eu");
        assertEquals("my-bucket", eu.bucket());
        assertEquals("eu-central-003", eu.region().orElseThrow());
        assertEquals(Addressing.PATH, eu.addressing());
        assertEquals("127.0.0.1:9000", eu.connectTo().orElseThrow());
        assertEquals(List.of("eu", "us"), config.pops().get("AMS"));
        assertEquals("AMS", config.pop().fallback());
        assertFalse(config.pop().queryParamEnabled());
        assertEquals("X-Edge-Pop", config.pop().header().orElseThrow());
        assertEquals(Duration.ofSeconds(3), config.originTimeout());
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
    void aWholeOriginCanBeConfiguredFromTheEnvironment() {
        EdgeConfig config = Configs.edge(Map.of(), Map.of(
                "EDGE_ORIGINS_US_ENDPOINT", "https://s3.us-west-004.backblazeb2.com",
                "EDGE_ORIGINS_US_BUCKET", "env-bucket",
                "EDGE_POP_QUERY_PARAM_ENABLED", "false"));
        assertEquals("env-bucket", config.origins().get("us").bucket());
        assertFalse(config.pop().queryParamEnabled());
    }
}
