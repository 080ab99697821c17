package dev.originedge.origin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import dev.originedge.testing.Configs;
import io.quarkus.runtime.configuration.ConfigurationException;

class OriginsTest {

    static Origin origin(String... keyValues) {
        Map<String, String> properties = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            properties.put("edge.origins.o." + keyValues[i], keyValues[i + 1]);
        }
        return new Origins(Configs.edge(properties).origins()).byName("o").orElseThrow();
    }

    @Test
    void virtualHostAddressingPutsTheBucketInTheHost() {
        Origin o = origin("endpoint", "https://s3.eu-central-003.backblazeb2.com", "bucket", "my-bucket");
        assertEquals("my-bucket.s3.eu-central-003.backblazeb2.com", o.hostHeader());
        assertEquals("/a%20b.txt", o.pathFor("/a%20b.txt"));
        assertTrue(o.tls());
        assertEquals(443, o.connectPort());
        assertEquals("s3.eu-central-003.backblazeb2.com", o.connectHost());
    }

    @Test
    void pathAddressingPrefixesTheBucketAndKeepsANonDefaultPort() {
        Origin o = origin("endpoint", "http://127.0.0.1:9000", "bucket", "b1", "addressing", "path");
        assertEquals("127.0.0.1:9000", o.hostHeader());
        assertEquals("/b1/k", o.pathFor("/k"));
        assertEquals(9000, o.hostPort());
        assertFalse(o.tls());
    }

    @Test
    void connectToChangesWhereTheConnectionGoesNotTheHost() {
        Origin o = origin("endpoint", "https://s3.us-west-004.backblazeb2.com", "bucket", "b1",
                "connect-to", "127.0.0.1:9443");
        assertEquals("b1.s3.us-west-004.backblazeb2.com", o.hostHeader());
        assertEquals("127.0.0.1", o.connectHost());
        assertEquals(9443, o.connectPort());
    }

    @ParameterizedTest
    @CsvSource({
            "https://s3.eu-central-003.backblazeb2.com, eu-central-003",
            "https://s3.us-west-004.backblazeb2.com, us-west-004",
            "https://s3.eu-west-1.amazonaws.com, eu-west-1",
            "https://s3.dualstack.ap-southeast-2.amazonaws.com, ap-southeast-2",
            "https://s3-us-west-2.amazonaws.com, us-west-2",
            "https://s3.amazonaws.com, us-east-1",
            "https://s3.us-gov-west-1.amazonaws.com, us-gov-west-1",
            "https://s3-fips.us-gov-east-1.amazonaws.com, us-gov-east-1",
            "https://s3.cn-north-1.amazonaws.com.cn, cn-north-1",
            "https://s3.cn-northwest-1.amazonaws.com.cn, cn-northwest-1",
            "https://s3.eu-central-2.wasabisys.com, eu-central-2",
            "https://storage.googleapis.com, auto",
            "https://minio.internal:9000, us-east-1" })
    void theRegionIsDerivedFromWellKnownEndpoints(String endpoint, String region) {
        assertEquals(region, origin("endpoint", endpoint, "bucket", "b1").region());
    }

    @Test
    void anExplicitRegionWins() {
        assertEquals("x-1", origin("endpoint", "https://s3.eu-west-1.amazonaws.com", "bucket", "b1",
                "region", "x-1").region());
    }

    @Test
    void credentialsAreOptionalButComeInPairsAndNeverPrintTheSecret() {
        assertInstanceOf(OriginAccess.Open.class, origin("endpoint", "http://h", "bucket", "b1").access());
        Origin signed = origin("endpoint", "http://h", "bucket", "b1", "access-key-id", "AKID",
                "secret-access-key", "s3cr3t");
        assertFalse(signed.toString().contains("s3cr3t"));
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> origin("endpoint", "http://h", "bucket", "b1", "access-key-id", "AKID"));
        assertTrue(e.getMessage().contains("edge.origins.o.secret-access-key"), e.getMessage());
    }

    @ParameterizedTest
    @CsvSource({
            "ftp://h, edge.origins.o.endpoint",
            "h.example.com, edge.origins.o.endpoint",
            "https://h/bucket, edge.origins.o.bucket",
            "https://h?x=1, edge.origins.o.endpoint" })
    void aBadEndpointIsRefusedWithThePropertyName(String endpoint, String property) {
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> origin("endpoint", endpoint, "bucket", "b1"));
        assertTrue(e.getMessage().contains(property), e.getMessage());
    }

    @Test
    void aBadConnectToIsRefusedWithThePropertyName() {
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> origin("endpoint", "http://h", "bucket", "b1", "connect-to", "nowhere"));
        assertTrue(e.getMessage().contains("edge.origins.o.connect-to"), e.getMessage());
    }

    @Test
    void noOriginAtAllIsRefusedWithWhatToSet() {
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> new Origins(Configs.edge(Map.of()).origins()));
        assertTrue(e.getMessage().contains("edge.origins.<name>.endpoint"), e.getMessage());
    }

    @Test
    void anOriginThatOnlyEnvironmentVariablesNameAndCannotRoundTripIsRefusedNamingThem() {
        Map<String, String> env = Map.of("EDGE_ORIGINS_US_EAST_ENDPOINT", "https://s3.us-east-1.amazonaws.com",
                "EDGE_ORIGINS_US_EAST_BUCKET", "b", "EDGE_ORIGINS_EU_ENDPOINT", "https://s3.eu-west-1.amazonaws.com",
                "EDGE_ORIGINS_EU_BUCKET", "b");
        EdgeConfigSource config = () -> Configs.edge(Map.of(), env).origins();
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> new Origins(config.get(), env));
        assertTrue(e.getMessage().contains("EDGE_ORIGINS_US_EAST_BUCKET, EDGE_ORIGINS_US_EAST_ENDPOINT")
                && e.getMessage().contains("edge.origins.us-east.endpoint"), e.getMessage());
    }

    @Test
    void anOriginDeclaredInConfigurationMayTakeTheRestFromTheEnvironment() {
        Map<String, String> env = Map.of("EDGE_ORIGINS_US_EAST_BUCKET", "b",
                "EDGE_ORIGINS_US_EAST_SECRET_ACCESS_KEY", "s", "EDGE_ORIGINS_US_EAST_ACCESS_KEY_ID", "i");
        Origins origins = new Origins(Configs.edge(Map.of("edge.origins.us-east.endpoint",
                "https://s3.us-east-1.amazonaws.com"), env).origins(), env);
        assertEquals("i", ((OriginAccess.SigV4) origins.byName("us-east").orElseThrow().access()).credentials()
                .accessKeyId());
    }

    @Test
    void anEdgeAuthSecretForAnOriginOnlyTheEnvironmentNamesIsRefused() {
        Map<String, String> env = Map.of("EDGE_ORIGINS_MY_APP_EDGE_AUTH_SECRET", "s");
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> new Origins(Configs.edge(Map.of("edge.origins.web.provider", "http",
                        "edge.origins.web.endpoint", "https://a.example"), env).origins(), env));
        assertTrue(e.getMessage().contains("EDGE_ORIGINS_MY_APP_EDGE_AUTH_SECRET"), e.getMessage());
        assertTrue(e.getMessage().contains("'MY_APP' could be 'my-app'"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = { "http://app.example.com", "http://10.0.0.7:8080", "http://128.0.0.1" })
    void aSharedSecretOverPlainHttpToAnotherHostIsRefusedNamingTheProperty(String endpoint) {
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> origin("provider", "http",
                "endpoint", endpoint, "edge-auth.mode", "shared-secret", "edge-auth.secret", "do-not-print-me"));
        assertTrue(e.getMessage().contains("edge.origins.o.edge-auth.mode"), e.getMessage());
        assertTrue(e.getMessage().contains("edge.origins.o.edge-auth.allow-plaintext=true"), e.getMessage());
        assertFalse(e.getMessage().contains("do-not-print-me"), e.getMessage());
        // The connection goes where connect-to says: a loopback endpoint name does not make a far host safe.
        assertThrows(ConfigurationException.class, () -> origin("provider", "http", "endpoint", "http://localhost",
                "connect-to", "10.0.0.7:80", "edge-auth.mode", "shared-secret", "edge-auth.secret", "s"));
    }

    @ParameterizedTest
    @CsvSource({
            "http://127.0.0.1:9003, ''",
            "http://127.9.8.7, ''",
            "http://localhost:9003, ''",
            "http://[::1]:9003, ''",
            "https://app.example.com, ''",
            "http://app.example.com, 127.0.0.1:9003",
            "http://app.example.com, allow" })
    void aSharedSecretTravelsInTheClearOnlyOverLoopbackOrWhenAllowed(String endpoint, String connectTo) {
        List<String> settings = new java.util.ArrayList<>(List.of("provider", "http", "endpoint", endpoint,
                "edge-auth.mode", "shared-secret", "edge-auth.secret", "s"));
        if (connectTo.equals("allow")) {
            settings.addAll(List.of("edge-auth.allow-plaintext", "true"));
        } else if (!connectTo.isEmpty()) {
            settings.addAll(List.of("connect-to", connectTo));
        }
        assertInstanceOf(OriginAccess.FixedHeader.class, origin(settings.toArray(String[]::new)).access());
    }

    @Test
    void aSignatureOverPlainHttpIsAcceptedItNeverCarriesTheSecret() {
        assertInstanceOf(OriginAccess.EdgeSignature.class, origin("provider", "http", "endpoint",
                "http://app.example.com", "edge-auth.mode", "signature", "edge-auth.secret", "s").access());
    }

    private interface EdgeConfigSource {
        Map<String, dev.originedge.config.EdgeConfig.OriginConfig> get();
    }
}
