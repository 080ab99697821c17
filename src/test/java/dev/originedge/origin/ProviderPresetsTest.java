package dev.originedge.origin;

import static dev.originedge.origin.OriginsTest.origin;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.quarkus.runtime.configuration.ConfigurationException;

/** What each provider preset derives, what explicit settings change, and the refusals that name the property. */
class ProviderPresetsTest {

    /** provider, setting, value, Host, path before the key, where it connects, signing region. */
    @ParameterizedTest
    @CsvSource({
            "s3,     region,        eu-west-1,            b1.s3.eu-west-1.amazonaws.com,        '',          s3.eu-west-1.amazonaws.com,        eu-west-1",
            "b2,     region,        us-west-004,          b1.s3.us-west-004.backblazeb2.com,    '',          s3.us-west-004.backblazeb2.com,    us-west-004",
            "gcs,    region,        '',                   b1.storage.googleapis.com,            '',          storage.googleapis.com,            auto",
            "spaces, region,        nyc3,                 b1.nyc3.digitaloceanspaces.com,       '',          nyc3.digitaloceanspaces.com,       nyc3",
            "wasabi, region,        eu-central-2,         b1.s3.eu-central-2.wasabisys.com,     '',          s3.eu-central-2.wasabisys.com,     eu-central-2",
            "oss,    region,        oss-cn-hangzhou,      b1.oss-cn-hangzhou.aliyuncs.com,      '',          oss-cn-hangzhou.aliyuncs.com,      oss-cn-hangzhou",
            "r2,     account,       acct123,              acct123.r2.cloudflarestorage.com,     /b1,         acct123.r2.cloudflarestorage.com,  auto",
            "azure,  account,       acct123,              acct123.blob.core.windows.net,        /b1,         acct123.blob.core.windows.net,     ''",
            "b2-native, download-host, f003.backblazeb2.com, f003.backblazeb2.com,              /file/b1,    f003.backblazeb2.com,              ''" })
    void eachBucketPresetDerivesEndpointHostPathAndRegion(String provider, String setting, String value,
            String host, String path, String connectHost, String region) {
        Origin o = value.isEmpty() ? origin("provider", provider, "bucket", "b1")
                : origin("provider", provider, "bucket", "b1", setting, value);
        assertEquals(Provider.parse(provider), o.provider());
        assertEquals(host, o.hostHeader());
        assertEquals(path + "/k", o.pathFor("/k"));
        assertEquals(connectHost, o.connectHost());
        assertEquals(443, o.connectPort());
        assertTrue(o.tls());
        assertEquals(region, o.region());
        assertTrue(o.provider().bucket());
        assertFalse(o.forwardQuery());
    }

    @Test
    void explicitSettingsWinOverThePreset() {
        Origin o = origin("provider", "b2", "bucket", "b1", "region", "us-west-004",
                "endpoint", "http://127.0.0.1:9000", "addressing", "path", "host-header", "Objects.Example.COM",
                "path-prefix", "site/v 2/");
        assertEquals("objects.example.com", o.hostHeader());
        assertEquals("/b1/site/v%202/k", o.pathFor("/k"));
        assertEquals("127.0.0.1", o.connectHost());
        assertEquals(9000, o.connectPort());
        assertFalse(o.tls());
        assertEquals("us-west-004", o.region());
        assertEquals("objects.example.com", o.serverName()); // the TLS name follows the Host sent
        Origin r2 = origin("provider", "r2", "account", "a", "bucket", "b1", "region", "wnam");
        assertEquals("wnam", r2.region());
    }

    @Test
    void anEndpointWithoutProviderIsS3AsBefore() {
        Origin o = origin("endpoint", "https://s3.us-west-004.backblazeb2.com", "bucket", "b1");
        assertEquals(Provider.S3, o.provider());
        assertEquals("b1.s3.us-west-004.backblazeb2.com", o.hostHeader());
    }

    @Test
    void anHttpOriginSendsThePathAsRequestedWithItsOwnHost() {
        Origin o = origin("provider", "http", "endpoint", "https://myapp.herokuapp.com", "path-prefix", "/shop");
        assertEquals("myapp.herokuapp.com", o.hostHeader());
        assertEquals("/shop/cart", o.pathFor("/cart"));
        assertFalse(o.provider().bucket());
        assertInstanceOf(OriginAccess.Open.class, o.access());
        assertTrue(origin("provider", "http", "endpoint", "http://10.0.0.7:8080", "forward-query", "true")
                .forwardQuery());
    }

    @Test
    void accessFollowsTheProvider() {
        assertInstanceOf(OriginAccess.SigV4.class, origin("provider", "gcs", "bucket", "b1",
                "access-key-id", "GOOG1", "secret-access-key", "s").access());
        assertInstanceOf(OriginAccess.Open.class, origin("provider", "b2-native", "bucket", "b1",
                "download-host", "f003.backblazeb2.com").access());
        OriginAccess token = origin("provider", "b2-native", "bucket", "b1", "download-host", "f003.backblazeb2.com",
                "download-token", "3_tok-en").access();
        assertEquals(new OriginAccess.FixedHeader("authorization", "3_tok-en"), token);
        assertFalse(token.toString().contains("3_tok-en"));
        OriginAccess sas = origin("provider", "azure", "account", "a", "bucket", "c",
                "sas-token", "?sv=2024&sig=abc%2B").access();
        assertEquals(new OriginAccess.FixedQuery("sv=2024&sig=abc%2B"), sas);
        assertFalse(sas.toString().contains("sig"));
        OriginAccess shared = origin("provider", "http", "endpoint", "https://a.example", "edge-auth.mode",
                "shared-secret", "edge-auth.secret", "k3y").access();
        assertEquals(new OriginAccess.FixedHeader("edge-auth", "k3y"), shared);
        OriginAccess signature = origin("provider", "http", "endpoint", "https://a.example", "edge-auth.mode",
                "signature", "edge-auth.header", "X-Edge-Auth", "edge-auth.secret", "k3y").access();
        assertEquals(new OriginAccess.EdgeSignature("x-edge-auth", "k3y"), signature);
        assertFalse(signature.toString().contains("k3y"));
    }

    /** What is wrong, and the property the message must name. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "provider=b2,bucket=b1                                          | edge.origins.o.region",
            "provider=spaces,bucket=b1                                      | edge.origins.o.region",
            "provider=r2,bucket=b1                                          | edge.origins.o.account",
            "provider=azure,bucket=c                                        | edge.origins.o.account",
            "provider=b2-native,bucket=b1                                   | edge.origins.o.download-host",
            "provider=gcs                                                   | edge.origins.o.bucket",
            "provider=dropbox,bucket=b1                                     | edge.origins.o.provider",
            "provider=http                                                  | edge.origins.o.endpoint",
            "bucket=b1                                                      | edge.origins.o.endpoint",
            "provider=http,endpoint=https://a.example,bucket=b1             | edge.origins.o.bucket",
            "provider=gcs,bucket=b1,forward-query=true                      | edge.origins.o.forward-query",
            "provider=gcs,bucket=b1,edge-auth.mode=signature,edge-auth.secret=s | edge.origins.o.edge-auth",
            "provider=http,endpoint=https://a.example,edge-auth.mode=signature | edge.origins.o.edge-auth.secret",
            "provider=http,endpoint=https://a.example,edge-auth.mode=on,edge-auth.secret=s | edge.origins.o.edge-auth.mode",
            "provider=http,endpoint=https://a.example,edge-auth.mode=shared-secret,edge-auth.secret=s,edge-auth.header=host | edge.origins.o.edge-auth.header",
            "provider=http,endpoint=https://a.example,access-key-id=a,secret-access-key=s | edge.origins.o.access-key-id",
            "provider=azure,account=a,bucket=c,addressing=path              | edge.origins.o.addressing",
            "provider=gcs,bucket=b1,sas-token=sv                            | edge.origins.o.sas-token",
            "provider=s3,region=eu-west-1,bucket=b1,download-token=t        | edge.origins.o.download-token",
            "provider=http,endpoint=https://a.example,path-prefix=/a/../b   | edge.origins.o.path-prefix",
            "provider=http,endpoint=https://a.example,host-header=a b       | edge.origins.o.host-header",
            "provider=b2,region=us-west-004,bucket=b1/x                     | edge.origins.o.bucket" })
    void impossibleOriginsStopTheStartNamingTheProperty(String settings, String property) {
        String[] pairs = settings.strip().split(",");
        String[] keyValues = new String[pairs.length * 2];
        for (int i = 0; i < pairs.length; i++) {
            int eq = pairs[i].indexOf('=');
            keyValues[2 * i] = pairs[i].substring(0, eq);
            keyValues[2 * i + 1] = pairs[i].substring(eq + 1);
        }
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> origin(keyValues));
        assertTrue(e.getMessage().contains(property), e.getMessage());
    }

    @Test
    void providerNamesAreTheConfigNames() {
        assertEquals(Provider.B2_NATIVE, Provider.parse("B2-Native"));
        assertEquals("b2-native", Provider.B2_NATIVE.configName());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Provider.parse("s4"));
        assertTrue(e.getMessage().contains("s3, b2, b2-native, gcs, spaces, wasabi, oss, r2, azure, http"),
                e.getMessage());
    }
}
