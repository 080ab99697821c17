package dev.originedge.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.keyword.DisallowUnknownKeywordFactory;
import com.networknt.schema.keyword.NonValidationKeyword;
import com.networknt.schema.path.NodePath;

import tools.jackson.databind.json.JsonMapper;

/**
 * The Knative manifest is part of the product: these checks keep it deployable and keep every setting in it one
 * that the app actually reads (a mistyped env var would otherwise be silently ignored). Plain JUnit, no Quarkus.
 */
class KnativeManifestTest {

    static final Path SERVICE = Path.of("deploy/knative/service.yaml");
    static final Path SECRET_EXAMPLE = Path.of("deploy/knative/secret.example.yaml");
    static final Path DOCKER = Path.of("src/main/docker");
    static final Path APPLICATION_PROPERTIES = Path.of("src/main/resources/application.properties");
    /** The Knative Serving v1.23.0 CRD of services.serving.knative.dev (src/test/resources, Apache-2.0). */
    static final String SERVICE_CRD = "/knative/serving-v1.23.0-service-crd.yaml";

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
    /** The CRD's openAPIV3Schema, as the API server applies it to a Service (see {@link #loadServiceSchema()}). */
    static Schema serviceSchema;

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

    // --- the manifest against the real Knative Serving CRD schema ---------------------------------------------

    /**
     * The schema the API server enforces: {@code spec.versions[0].schema.openAPIV3Schema} of the Knative Serving
     * v1.23.0 Service CRD, validated with networknt's json-schema-validator in its OpenAPI 3.0 dialect (draft 4
     * keywords plus {@code nullable}; {@code format: int32/int64} are not checked, no value here comes near them).
     * <ul>
     * <li>{@code x-kubernetes-*} extensions carry no JSON Schema meaning and are ignored; any other keyword the dialect
     * does not know fails the schema load instead of being skipped silently. {@code x-kubernetes-int-or-string} always
     * comes with an {@code anyOf} of integer and string, which does the checking.</li>
     * <li>Unknown fields: JSON Schema allows any property a schema does not list, but Kubernetes does not. With a
     * structural schema the API server prunes unknown fields, and with field validation Strict (kubectl's default
     * {@code --validate=strict}) it rejects them ("unknown field ..."); either way a misspelt field never takes
     * effect. So every object schema that lists {@code properties} and does not say
     * {@code x-kubernetes-preserve-unknown-fields: true} gets {@code additionalProperties: false} (structural schemas
     * never combine {@code properties} with {@code additionalProperties}). Objects that preserve unknown fields keep
     * their listed properties typed but accept any other key, as the cluster does. The one object with neither
     * properties nor additionalProperties is the root {@code metadata}, which the API server validates itself as
     * ObjectMeta; it stays open here.</li>
     * <li>{@code nullable}: the CRD marks nothing nullable, so an explicit null fails here; the API server would drop
     * it instead (it prunes nulls of non-nullable fields), which leaves a setting that was meant to be there unset.</li>
     * <li>Not modelled: {@code x-kubernetes-validations} (CEL; the CRD has none) and Knative's admission webhook, which
     * checks more than the schema (for example the feature-flagged PodSpec fields the CRD leaves open).</li>
     * </ul>
     */
    @BeforeAll
    static void loadServiceSchema() throws IOException {
        Map<String, Object> crd;
        try (InputStream in = KnativeManifestTest.class.getResourceAsStream(SERVICE_CRD)) {
            assertNotNull(in, SERVICE_CRD + " is missing from the test classpath");
            crd = map(yaml().load(in), SERVICE_CRD);
        }
        assertEquals("services.serving.knative.dev", at(crd, "metadata", "name"));
        Map<String, Object> version = map(list(at(crd, "spec", "versions"), "spec.versions").get(0), "versions[0]");
        assertEquals("v1", version.get("name"), "the CRD's first version is the one service.yaml uses");
        Map<String, Object> openApi = map(at(version, "schema", "openAPIV3Schema"), "openAPIV3Schema");
        rejectUnknownFields(openApi);

        Dialect kubernetes = Dialect.builder("https://originedge.dev/schema/kubernetes-structural-openapi-v3",
                Dialects.getOpenApi30())
                .unknownKeywordFactory((keyword, context) -> keyword.startsWith("x-kubernetes-")
                        ? new NonValidationKeyword(keyword)
                        : DisallowUnknownKeywordFactory.getInstance().getKeyword(keyword, context))
                .build();
        serviceSchema = SchemaRegistry.withDefaultDialect(kubernetes).getSchema(JSON.valueToTree(openApi));
        serviceSchema.initializeValidators();
    }

    @Test
    void validatesAgainstTheKnativeServiceCrdSchema() {
        List<String> errors = schemaErrors(service);
        assertTrue(errors.isEmpty(), SERVICE + " would be rejected by a cluster with Knative Serving 1.23:\n  "
                + String.join("\n  ", errors));
    }

    // Mutations the CRD schema really rejects (checked against it: large parts of it preserve unknown fields).
    // spec.template.spec (Knative's PodSpec subset) and each container list their properties and do not preserve
    // unknown fields, so a misspelt containerConcurrency or readinessProbe is an unknown field; containerConcurrency
    // and timeoutSeconds are "type: integer" (format int64), so "300s" and "100" are type errors. Typos under
    // spec.template.metadata, the pod-level securityContext, affinity, tolerations, ... would not do: see below.

    @Test
    void schemaRejectsAMisspeltPodSpecField() {
        assertRejected(doc -> rename(podSpec(doc), "containerConcurrency", "containerConcurency"),
                "/spec/template/spec/containerConcurency", "additionalProperties");
    }

    @Test
    void schemaRejectsAMisspeltContainerField() {
        assertRejected(doc -> rename(firstContainer(doc), "readinessProbe", "readynessProbe"),
                "/spec/template/spec/containers/0/readynessProbe", "additionalProperties");
    }

    @Test
    void schemaRejectsAStringTimeout() {
        assertRejected(doc -> podSpec(doc).put("timeoutSeconds", "300s"),
                "/spec/template/spec/timeoutSeconds", "type");
    }

    @Test
    void schemaRejectsAQuotedContainerConcurrency() {
        assertRejected(doc -> podSpec(doc).put("containerConcurrency", "100"),
                "/spec/template/spec/containerConcurrency", "type");
    }

    /**
     * The limit of the schema: where the CRD says x-kubernetes-preserve-unknown-fields (the pod-level securityContext,
     * affinity, tolerations, spec.template.metadata, ...: mostly PodSpec fields behind Knative feature flags) a typo
     * passes the API server, and only Knative's webhook can refuse it. This pins that the validation above is not
     * stricter than a cluster's.
     */
    @Test
    void schemaAcceptsUnknownFieldsWhereTheCrdPreservesThem() {
        Map<String, Object> mutated = mutate(doc -> podSpec(doc).put("securityContext", Map.of("runAsNonRot", true)));
        assertEquals(List.of(), schemaErrors(mutated));
    }

    // --- graceful shutdown within Knative's grace period -------------------------------------------------------

    @Test
    void shutdownTimeoutIsBelowTheRequestTimeout() throws IOException {
        Properties props = new Properties();
        try (Reader in = Files.newBufferedReader(APPLICATION_PROPERTIES)) {
            props.load(in);
        }
        String timeout = props.getProperty("%prod.quarkus.shutdown.timeout",
                props.getProperty("quarkus.shutdown.timeout"));
        assertNotNull(timeout, "quarkus.shutdown.timeout must be set in " + APPLICATION_PROPERTIES
                + ": without it Quarkus does not wait for running requests on SIGTERM");
        // With quarkus.shutdown.delay-enabled, quarkus.shutdown.delay (if set) comes before the timeout starts;
        // counted whenever it is set, to be safe.
        String delay = props.getProperty("%prod.quarkus.shutdown.delay", props.getProperty("quarkus.shutdown.delay"));
        Duration shutdown = duration(timeout).plus(delay == null ? Duration.ZERO : duration(delay));
        Object timeoutSeconds = at(service, "spec", "template", "spec", "timeoutSeconds");
        assertInstanceOf(Integer.class, timeoutSeconds, "timeoutSeconds must be set");
        // Knative makes timeoutSeconds the pod's terminationGracePeriodSeconds: SIGKILL comes when it runs out.
        assertTrue(shutdown.compareTo(Duration.ofSeconds((Integer) timeoutSeconds)) < 0,
                "quarkus.shutdown.timeout " + timeout + (delay == null ? "" : " + delay " + delay)
                        + " must stay below the manifest's timeoutSeconds " + timeoutSeconds
                        + ", or SIGKILL cuts running downloads short");
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

    static final JsonMapper JSON = JsonMapper.builder().build();

    /** Marks every typed object schema that does not preserve unknown fields as closed (see loadServiceSchema). */
    @SuppressWarnings("unchecked")
    static void rejectUnknownFields(Object node) {
        if (!(node instanceof Map<?, ?>)) {
            return;
        }
        Map<String, Object> schema = (Map<String, Object>) node;
        if (schema.get("properties") instanceof Map<?, ?> properties) {
            if (!Boolean.TRUE.equals(schema.get("x-kubernetes-preserve-unknown-fields"))
                    && !schema.containsKey("additionalProperties")) {
                schema.put("additionalProperties", false);
            }
            properties.values().forEach(KnativeManifestTest::rejectUnknownFields);
        }
        rejectUnknownFields(schema.get("items"));
        rejectUnknownFields(schema.get("additionalProperties"));
        rejectUnknownFields(schema.get("not"));
        for (String combinator : List.of("allOf", "anyOf", "oneOf")) {
            if (schema.get(combinator) instanceof List<?> alternatives) {
                alternatives.forEach(KnativeManifestTest::rejectUnknownFields);
            }
        }
    }

    /**
     * Schema errors of a parsed Service, each as "path (keyword): message" with the path a JSON Pointer; for an
     * unknown field (additionalProperties) the path ends in the offending key, not in the object holding it.
     */
    static List<String> schemaErrors(Map<String, Object> document) {
        List<String> errors = new ArrayList<>();
        for (com.networknt.schema.Error e : serviceSchema.validate(JSON.valueToTree(document))) {
            NodePath path = e.getInstanceLocation();
            if ("additionalProperties".equals(e.getKeyword()) && e.getProperty() != null) {
                path = path.append(e.getProperty());
            }
            errors.add(path + " (" + e.getKeyword() + "): " + e.getMessage());
        }
        return errors;
    }

    /** A deep copy of the parsed manifest with one change; the shared {@link #service} stays untouched. */
    private static Map<String, Object> mutate(Consumer<Map<String, Object>> change) {
        Map<String, Object> copy = map(deepCopy(service), "copy");
        change.accept(copy);
        return copy;
    }

    private static void assertRejected(Consumer<Map<String, Object>> change, String path, String keyword) {
        assertEquals(List.of(), schemaErrors(service), "the unchanged manifest must validate");
        List<String> errors = schemaErrors(mutate(change));
        assertTrue(errors.stream().anyMatch(e -> e.startsWith(path + " (" + keyword + "):")),
                "expected a " + keyword + " error at " + path + ", got " + errors);
    }

    private static Object deepCopy(Object node) {
        if (node instanceof Map<?, ?> m) {
            Map<String, Object> copy = new LinkedHashMap<>();
            m.forEach((k, v) -> copy.put((String) k, deepCopy(v)));
            return copy;
        }
        if (node instanceof List<?> l) {
            List<Object> copy = new ArrayList<>();
            l.forEach(v -> copy.add(deepCopy(v)));
            return copy;
        }
        return node; // String, Integer, Boolean, null: immutable
    }

    private static Map<String, Object> podSpec(Map<String, Object> document) {
        return map(at(document, "spec", "template", "spec"), "spec.template.spec");
    }

    private static Map<String, Object> firstContainer(Map<String, Object> document) {
        return map(list(podSpec(document).get("containers"), "containers").get(0), "containers[0]");
    }

    private static void rename(Map<String, Object> node, String from, String to) {
        assertTrue(node.containsKey(from), from + " is missing: the mutation would test nothing");
        node.put(to, node.remove(from));
    }

    /** A Quarkus duration as written in application.properties: 25s, 500ms, 2m, 1h, a bare number of seconds, PT25S. */
    static Duration duration(String value) {
        String v = value.trim();
        if (v.toUpperCase().startsWith("P")) {
            return Duration.parse(v);
        }
        Matcher m = Pattern.compile("(\\d+)(ms|s|m|h|d)?").matcher(v);
        if (!m.matches()) {
            fail("unsupported duration " + value);
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2) == null ? "s" : m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            case "d" -> Duration.ofDays(n);
            default -> Duration.ofSeconds(n);
        };
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
