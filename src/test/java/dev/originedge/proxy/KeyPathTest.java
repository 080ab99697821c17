package dev.originedge.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class KeyPathTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "/hello.txt|hello.txt|/hello.txt",
            "/a b.txt|a b.txt|/a%20b.txt",
            "/a%20b.txt|a b.txt|/a%20b.txt",
            "/a+b.txt|a+b.txt|/a%2Bb.txt",
            "/a%2Bb.txt|a+b.txt|/a%2Bb.txt",
            "/100%25.txt|100%.txt|/100%25.txt",
            "/(x)'=@!*$&,;:.txt|(x)'=@!*$&,;:.txt|/%28x%29%27%3D%40%21%2A%24%26%2C%3B%3A.txt",
            "/t~i-l_d.e|t~i-l_d.e|/t~i-l_d.e",
            "/%7E.txt|~.txt|/~.txt",
            "/dir/a..b/c|dir/a..b/c|/dir/a..b/c",
            "/d%2Fk|d/k|/d/k",
            "/%E6%97%A5.txt|日.txt|/%E6%97%A5.txt",
            "/|index.html|/index.html",
            "/docs/|docs/index.html|/docs/index.html" })
    void keysAreDecodedOnceAndEncodedAsS3CanonicalisesThem(String raw, String key, String encoded) {
        KeyPath path = KeyPath.parse(raw);
        assertEquals(key, path.key());
        assertEquals(encoded, path.encoded());
    }

    @ParameterizedTest
    @ValueSource(strings = { "/../x", "/a/../../x", "/%2e%2e/x", "/%2E%2e%2Fx", "/./x", "/x/.", "/x/..", "/.%2E/x",
            "/a%2F..%2Fb", "", "x", "/%", "/%4", "/%zz", "/%C3%28", "/%FF" })
    void escapesAndMalformedPathsAreRefused(String raw) {
        assertThrows(BadRequestPathException.class, () -> KeyPath.parse(raw));
    }
}
