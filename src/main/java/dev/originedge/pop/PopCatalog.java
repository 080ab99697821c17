package dev.originedge.pop;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The bundled POP catalog ({@code pops.csv}): POP code to region group, where a group names an origin.
 * Data, not code, so that it can be read and changed without touching Java.
 */
public final class PopCatalog {

    public static final String RESOURCE = "pops.csv";

    private PopCatalog() {
    }

    /** The bundled catalog, parsed once per class initialisation (at build time in the native image). */
    public static Map<String, String> bundled() {
        return Bundled.CATALOG;
    }

    /** Parses {@code pop,group} lines; {@code #} comments and the header line are skipped. */
    public static Map<String, String> parse(InputStream csv) throws IOException {
        Map<String, String> pops = new LinkedHashMap<>();
        BufferedReader reader = new BufferedReader(new InputStreamReader(csv, StandardCharsets.UTF_8));
        String line;
        int number = 0;
        while ((line = reader.readLine()) != null) {
            number++;
            line = line.strip();
            if (line.isEmpty() || line.startsWith("#") || line.equals("pop,group")) {
                continue;
            }
            String[] fields = line.split(",");
            if (fields.length != 2 || !PopResolver.isPopCode(fields[0].strip()) || fields[1].isBlank()) {
                throw new IOException(RESOURCE + " line " + number + ": expected POP,group but got '" + line + "'");
            }
            pops.put(fields[0].strip().toUpperCase(Locale.ROOT), fields[1].strip());
        }
        return Collections.unmodifiableMap(pops);
    }

    /** Holder so that the native image can initialise the parsed catalog at build time. */
    static final class Bundled {
        static final Map<String, String> CATALOG = load();

        private static Map<String, String> load() {
            try (InputStream in = PopCatalog.class.getClassLoader().getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException(RESOURCE + " is missing from the classpath");
                }
                return parse(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
