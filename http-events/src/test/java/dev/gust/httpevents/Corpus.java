package dev.gust.httpevents;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The corpus files copied into {@code src/test/resources/corpus} (see its README). */
final class Corpus {

    static final ObjectMapper JSON = new ObjectMapper();

    private Corpus() {
    }

    static JsonNode read(String path) {
        try (InputStream in = Corpus.class.getResourceAsStream("/corpus/" + path)) {
            if (in == null) {
                throw new IllegalArgumentException("no corpus file " + path);
            }
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The recorded content of a LocalStack snapshot test. */
    static JsonNode recording(String snapshot, String test) {
        JsonNode node = read("localstack/tests/aws/services/" + snapshot).get(test);
        if (node == null) {
            throw new IllegalArgumentException("no recording " + test);
        }
        return node.get("recorded-content");
    }

    static JsonNode tree(byte[] json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
