package dev.originedge.pop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Test;

class PopCatalogTest {

    @Test
    void theBundledCatalogHasThe97DemoPopsInTwoGroups() {
        Map<String, String> catalog = PopCatalog.bundled();
        assertEquals(97, catalog.size());
        assertEquals(24, catalog.values().stream().filter("eu"::equals).count());
        assertEquals(73, catalog.values().stream().filter("us"::equals).count());
        assertEquals("eu", catalog.get("AMS"));
        assertEquals("eu", catalog.get("JNB"));
        assertEquals("us", catalog.get("SJC"));
        assertEquals("us", catalog.get("GRU"));
        assertEquals("us", catalog.get("NRT"));
        assertTrue(catalog.keySet().stream().allMatch(PopResolver::isPopCode));
    }

    @Test
    void commentsAndTheHeaderAreSkippedAndCodesUpperCased() throws IOException {
        Map<String, String> catalog = parse("# comment\npop,group\nams,eu\n\n SJC , us \n");
        assertEquals(Map.of("AMS", "eu", "SJC", "us"), catalog);
    }

    @Test
    void aMalformedLineNamesItsLineNumber() {
        IOException e = assertThrows(IOException.class, () -> parse("pop,group\nAMS,eu\nAMSX,eu\n"));
        assertTrue(e.getMessage().contains("line 3"), e.getMessage());
    }

    private static Map<String, String> parse(String csv) throws IOException {
        return PopCatalog.parse(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)));
    }
}
