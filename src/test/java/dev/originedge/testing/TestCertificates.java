package dev.originedge.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A self-signed server certificate for HTTPS test origins, made with the JDK's keytool: the origin's key
 * store, and a trust store holding only that certificate for the proxy.
 */
public record TestCertificates(Path keyStore, Path trustStore, String password) {

    /**
     * Every HTTPS test origin's names in one certificate, made once per JVM: the JDK reads its trust store
     * setting once, so all the suite's HTTPS origins must be trusted through the same store.
     */
    public static final List<String> NAMES = List.of("s3.tls.example.test", "app.example.test",
            "override.example.test", "*.s3.eu-west-1.amazonaws.com", "*.s3.us-west-004.backblazeb2.com",
            "*.storage.googleapis.com", "*.nyc3.digitaloceanspaces.com", "*.s3.eu-central-2.wasabisys.com",
            "*.oss-cn-hangzhou.aliyuncs.com", "acct123.r2.cloudflarestorage.com", "acct123.blob.core.windows.net",
            "f003.backblazeb2.com");
    private static TestCertificates shared;

    public static synchronized TestCertificates shared() throws Exception {
        if (shared == null) {
            shared = create(NAMES.toArray(String[]::new));
        }
        return shared;
    }

    public static TestCertificates create(String... dnsNames) throws Exception {
        String dnsName = dnsNames[0];
        String san = java.util.Arrays.stream(dnsNames).map(n -> "dns:" + n)
                .collect(java.util.stream.Collectors.joining(","));
        Path dir = Files.createTempDirectory("origin-edge-tls");
        Path keyStore = dir.resolve("origin.p12");
        Path cert = dir.resolve("origin.crt");
        Path trustStore = dir.resolve("trust.p12");
        String password = "changeit";
        keytool("-genkeypair", "-alias", "origin", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
                "-dname", "CN=" + dnsName, "-ext", "SAN=" + san, "-storetype", "PKCS12",
                "-keystore", keyStore.toString(), "-storepass", password, "-keypass", password);
        keytool("-exportcert", "-alias", "origin", "-keystore", keyStore.toString(), "-storepass", password,
                "-rfc", "-file", cert.toString());
        keytool("-importcert", "-noprompt", "-alias", "origin", "-file", cert.toString(), "-storetype", "PKCS12",
                "-keystore", trustStore.toString(), "-storepass", password);
        return new TestCertificates(keyStore, trustStore, password);
    }

    private static void keytool(String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("keytool " + args[0] + " failed: " + output);
        }
    }
}
