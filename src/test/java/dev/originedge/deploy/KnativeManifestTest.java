package dev.originedge.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The Knative manifest is part of the product: these checks keep it deployable and keep every setting in it one
 * that the app actually reads (a mistyped env var would otherwise be silently ignored). Plain JUnit, no Quarkus.
 */
class KnativeManifestTest {

    static final Path SERVICE = Path.of("deploy/knative/service.yaml");
    static final Path SECRET_EXAMPLE = Path.of("deploy/knative/secret.example.yaml");
    static final Path DOCKER = Path.of("src/main/docker");

    /**
     * Env vars the app reads: EDGE_POP/FASTLY_POP directly, the rest are edge.* properties in SmallRye's env form.
     * Origin names are restricted to [A-Z0-9]+: with an underscore the env name is ambiguous
     * (EDGE_ORIGINS_US_BUCKET_REGION could be origin "us-bucket"), so a typo could pass as a new origin.
     */
    static final Pattern ORIGIN_VAR = Pattern.compile(
            "EDGE_ORIGINS_([A-Z0-9]+)_(ENDPOINT|BUCKET|REGION|ADDRESSING|ACCESS_KEY_ID|SECRET_ACCESS_KEY|CONNECT_TO)");
    static final List<Pattern> KNOWN_VARS = List.of(
            Pattern.compile("EDGE_POP|FASTLY_POP"),
            ORIGIN_VAR,
            Pattern.compile("EDGE_DEFAULT_ORIGIN"),
            Pattern.compile("EDGE_POPS_[A-Z0-9]{3}"),
            Pattern.compile("EDGE_POP_(DEFAULT|QUERY_PARAM_ENABLED|HEADER)"),
            Pattern.compile("EDGE_ORIGIN_TIMEOUT"));

    static String serviceText;
    static Map<String, Object> service;
    static Map<String, Object> container;
    static List<Map<String, Object>> env;

    @BeforeAll
    static void load() throws IOException {
        assertTrue(Files.isRegularFile(SERVICE), SERVICE + " is missing (tests run from the project directory)");
        serviceText = Files.readString(SERVICE);
        service = map(yaml().load(serviceText), "the document");
        List<Object> containers = list(at(service, "spec", "template", "spec", "containers"), "containers");
        assertEquals(1, containers.size(), "a Knative Service has exactly one serving container");
        container = map(containers.get(0), "containers[0]");
        env = new ArrayList<>();
        for (Object e : list(container.get("env"), "env")) {
            env.add(map(e, "env entry"));
        }
    }

    @Test
    void isAKnativeServingService() {
        assertEquals("serving.knative.dev/v1", service.get("apiVersion"));
        assertEquals("Service", service.get("kind"));
        assertEquals("origin-edge", at(service, "metadata", "name"));
        assertNotNull(container.get("image"), "container image");
    }

    @Test
    void scalesToZeroWithABound() {
        Map<String, Object> annotations = map(at(service, "spec", "template", "metadata", "annotations"), "annotations");
        // Annotation values must be YAML strings: an unquoted 0 is an int and the API server rejects the Service.
        assertEquals("0", annotations.get("autoscaling.knative.dev/min-scale"), "min-scale must be the string \"0\"");
        Object max = annotations.get("autoscaling.knative.dev/max-scale");
        assertInstanceOf(String.class, max, "max-scale must be present and a quoted string");
        assertTrue(Integer.parseInt((String) max) > 0, "max-scale must be a positive bound, got " + max);
    }

    @Test
    void limitsConcurrencyAndRequestTime() {
        Map<String, Object> podSpec = map(at(service, "spec", "template", "spec"), "template.spec");
        Object concurrency = podSpec.get("containerConcurrency");
        assertInstanceOf(Integer.class, concurrency, "containerConcurrency must be set");
        assertTrue((Integer) concurrency > 0, "containerConcurrency 0 means unlimited: set a bound");
        assertInstanceOf(Integer.class, podSpec.get("timeoutSeconds"), "timeoutSeconds must be set");
    }

    @Test
    void probesUseTheHealthEndpointsOnTheServingPort() {
        assertProbe("livenessProbe", "/q/health/live");
        assertProbe("readinessProbe", "/q/health/ready");
    }

    private static void assertProbe(String probe, String path) {
        Map<String, Object> httpGet = map(at(container, probe, "httpGet"), probe + ".httpGet");
        assertEquals(path, httpGet.get("path"), probe + " path");
        // Knative probes the container port when no port is given; another port would probe nothing.
        Object port = httpGet.get("port");
        if (port != null) {
            assertEquals(containerPort(), port, probe + " port must be the container port");
        }
    }

    @Test
    void servesOnThePortQuarkusListensOn() {
        assertEquals(8080, containerPort(), "the app listens on 8080 (quarkus.http.port) and ignores Knative's PORT");
    }

    @Test
    void memoryIsBoundedAndLeavesRoomAboveTheImageHeap() throws IOException {
        long limit = quantity(at(container, "resources", "limits", "memory"), "resources.limits.memory");
        long request = quantity(at(container, "resources", "requests", "memory"), "resources.requests.memory");
        assertTrue(request <= limit, "memory request must not exceed the limit");
        // The native binary's heap is fixed by -Xmx in the image ENTRYPOINT; the pod needs that plus native overhead.
        Map<Path, Long> heaps = imageHeaps();
        assertFalse(heaps.isEmpty(), "no -Xmx found in " + DOCKER + "/Dockerfile.native-*");
        heaps.forEach((dockerfile, xmx) -> assertTrue(limit >= 2 * xmx,
                "memory limit " + limit + " B leaves too little room above -Xmx " + xmx + " B of " + dockerfile));
    }

    @Test
    void everyEnvVarIsOneTheAppReads() {
        Set<String> seen = new HashSet<>();
        for (Map<String, Object> e : env) {
            String name = (String) e.get("name");
            assertTrue(seen.add(name), "env var set twice: " + name);
            if (name.startsWith("QUARKUS_")) {
                assertTrue(documented(name), name + " is a Quarkus setting: say why in a comment right above it");
                continue;
            }
            assertTrue(KNOWN_VARS.stream().anyMatch(p -> p.matcher(name).matches()),
                    name + " is not read by the app (typo?): expected EDGE_POP, FASTLY_POP or an edge.* property "
                            + "in env form such as EDGE_ORIGINS_<NAME>_ENDPOINT");
            if (e.containsKey("value")) {
                // Kubernetes rejects non-string values (an unquoted false or 10 in YAML).
                assertInstanceOf(String.class, e.get("value"), name + " value must be a quoted string");
            }
        }
        assertTrue(seen.contains("EDGE_POP") || seen.contains("FASTLY_POP"), "each regional deployment sets EDGE_POP");
    }

    @Test
    void productionSettings() {
        assertEquals("false", value("EDGE_POP_QUERY_PARAM_ENABLED"), "clients must not pick the POP in production");
        String pop = value("EDGE_POP");
        assertTrue(pop != null && pop.matches("[A-Z]{3}"), "EDGE_POP must be a 3-letter POP code, got " + pop);
    }

    @Test
    void everyOriginHasAnEndpointAndABucket() {
        Map<String, Set<String>> origins = new TreeMap<>();
        for (Map<String, Object> e : env) {
            Matcher m = ORIGIN_VAR.matcher((String) e.get("name"));
            if (m.matches()) {
                origins.computeIfAbsent(m.group(1), k -> new TreeSet<>()).add(m.group(2));
            }
        }
        assertFalse(origins.isEmpty(), "the app refuses to start without an origin");
        origins.forEach((origin, props) -> {
            assertTrue(props.containsAll(Set.of("ENDPOINT", "BUCKET")),
                    "origin " + origin + " needs EDGE_ORIGINS_" + origin + "_ENDPOINT and _BUCKET, has " + props);
            // The app requires both credentials or neither (public bucket).
            assertEquals(props.contains("ACCESS_KEY_ID"), props.contains("SECRET_ACCESS_KEY"),
                    "origin " + origin + " must set ACCESS_KEY_ID and SECRET_ACCESS_KEY together");
        });
    }

    @Test
    void credentialsComeFromTheSecret() throws IOException {
        Map<String, Object> secret = map(yaml().load(Files.readString(SECRET_EXAMPLE)), SECRET_EXAMPLE.toString());
        Object secretName = at(secret, "metadata", "name");
        Map<String, Object> keys = map(secret.get("stringData"), "stringData of " + SECRET_EXAMPLE);
        int fromSecret = 0;
        for (Map<String, Object> e : env) {
            String name = (String) e.get("name");
            boolean credential = name.endsWith("_SECRET_ACCESS_KEY") || name.endsWith("_ACCESS_KEY_ID");
            Object ref = e.get("valueFrom") instanceof Map<?, ?> from ? from.get("secretKeyRef") : null;
            if (credential) {
                assertFalse(e.containsKey("value"), name + " must not be a literal in the manifest");
                assertNotNull(ref, name + " must come from a Secret (valueFrom.secretKeyRef)");
            }
            if (ref != null) {
                Map<String, Object> r = map(ref, name + " secretKeyRef");
                assertEquals(secretName, r.get("name"), name + " refers to a Secret other than " + SECRET_EXAMPLE);
                assertTrue(keys.containsKey(r.get("key")), name + " refers to key " + r.get("key") + " missing from "
                        + SECRET_EXAMPLE);
                fromSecret++;
            }
        }
        assertTrue(fromSecret > 0, "no credential comes from the Secret");
    }

    // --- helpers ---------------------------------------------------------------------------------------------

    private static Yaml yaml() {
        return new Yaml(new SafeConstructor(new LoaderOptions()));
    }

    private static Object at(Map<String, Object> root, String... path) {
        Object node = root;
        StringBuilder where = new StringBuilder();
        for (String key : path) {
            where.append('.').append(key);
            node = map(node, where.toString()).get(key);
            if (node == null) {
                fail(where.substring(1) + " is missing");
            }
        }
        return node;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object node, String what) {
        if (!(node instanceof Map)) {
            fail(what + " must be a mapping, got " + node);
        }
        return (Map<String, Object>) node;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object node, String what) {
        if (!(node instanceof List)) {
            fail(what + " must be a list, got " + node);
        }
        return (List<Object>) node;
    }

    private static String value(String envName) {
        return env.stream().filter(e -> envName.equals(e.get("name"))).map(e -> (String) e.get("value"))
                .findFirst().orElse(null);
    }

    private static Object containerPort() {
        return map(list(container.get("ports"), "ports").get(0), "ports[0]").get("containerPort");
    }

    /** A comment on the line of {@code - name: X} or on the line just above it. */
    private static boolean documented(String envName) {
        String[] lines = serviceText.split("\n");
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].matches("\\s*-?\\s*name:\\s*\"?" + Pattern.quote(envName) + "\"?\\s*(#.*)?")) {
                return lines[i].contains("#") || i > 0 && lines[i - 1].trim().startsWith("#");
            }
        }
        return false;
    }

    /** Kubernetes memory quantity (Ki/Mi/Gi or k/M/G or bytes) in bytes. */
    static long quantity(Object value, String what) {
        Matcher m = Pattern.compile("(\\d+)(Ki|Mi|Gi|k|M|G)?").matcher(String.valueOf(value));
        if (!m.matches()) {
            fail(what + ": unsupported quantity " + value);
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "" : m.group(2);
        return switch (unit) {
            case "Ki" -> n << 10;
            case "Mi" -> n << 20;
            case "Gi" -> n << 30;
            case "k" -> n * 1_000;
            case "M" -> n * 1_000_000;
            case "G" -> n * 1_000_000_000;
            default -> n;
        };
    }

    /** -Xmx of each native Dockerfile's ENTRYPOINT, in bytes. */
    private static Map<Path, Long> imageHeaps() throws IOException {
        Map<Path, Long> heaps = new TreeMap<>();
        Pattern xmx = Pattern.compile("^ENTRYPOINT.*\"-Xmx(\\d+)([kKmMgG]?)\"", Pattern.MULTILINE);
        try (var files = Files.newDirectoryStream(DOCKER, "Dockerfile.native-*")) {
            for (Path f : files) {
                Matcher m = xmx.matcher(Files.readString(f));
                if (m.find()) {
                    long n = Long.parseLong(m.group(1));
                    heaps.put(f, switch (m.group(2).toLowerCase()) {
                        case "k" -> n << 10;
                        case "m" -> n << 20;
                        case "g" -> n << 30;
                        default -> n;
                    });
                }
            }
        }
        return heaps;
    }
}
