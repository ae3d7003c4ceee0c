package dev.gust.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/**
 * One recorded LocalStack parity test (responses of real AWS, from a snapshot file on the test classpath) and the
 * comparison of Gust's responses with it.
 *
 * <p>A recorded value is compared with Gust's member for member: the same members in the same order, the same
 * literal values. A LocalStack placeholder ({@code <uuid:1>}, {@code <function-name:1>}, {@code <region>}) matches
 * any text, and the same indexed placeholder must stand for the same text, different ones for different texts,
 * across the whole record: that is how the recordings show which revision ids are equal. {@code ResponseMetadata} is compared only
 * by its status code. Not thread-safe; one per test.
 */
final class Recording {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PLACEHOLDER = Pattern.compile("<([a-z_-]+)(:\\d+)?>");

    private final String name;
    private final JsonNode content;
    private final Map<String, String> bindings = new HashMap<>();

    private Recording(String name, JsonNode content) {
        this.name = name;
        this.content = content;
    }

    /** The record {@code tests/aws/services/lambda_/<test>} of a snapshot file under {@code /localstack/}. */
    static Recording of(String snapshotFile, String test) {
        try (InputStream in = Recording.class.getResourceAsStream("/localstack/" + snapshotFile)) {
            assertThat(in).as("snapshot %s on the test classpath", snapshotFile).isNotNull();
            JsonNode record = JSON.readTree(in).path("tests/aws/services/lambda_/" + test);
            assertThat(record.isObject()).as("record %s in %s", test, snapshotFile).isTrue();
            return new Recording(test, record.path("recorded-content"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The recorded value of {@code key}. */
    JsonNode recorded(String key) {
        JsonNode value = content.path(key);
        assertThat(value.isMissingNode()).as("%s has no recorded %s", name, key).isFalse();
        return value;
    }

    /** Says that the indexed placeholder {@code <placeholder>} (e.g. {@code uuid:1}) stands for {@code value}. */
    void bind(String placeholder, String value) {
        bindString("<" + placeholder + ">", value, placeholder);
    }

    /** Asserts that Gust's response to the step {@code key} matches the recorded one. */
    void assertMatches(String key, int status, JsonNode body) {
        JsonNode expected = recorded(key);
        assertThat(status).as("%s %s: status", name, key)
                .isEqualTo(expected.path("ResponseMetadata").path("HTTPStatusCode").asInt());
        ObjectNode withoutMetadata = expected.deepCopy();
        withoutMetadata.remove("ResponseMetadata");
        match(withoutMetadata, body, key);
    }

    /**
     * Asserts that Gust's error matches the recorded one: status, {@code Error.Code}, {@code Error.Message} and the
     * modelled members of the body that AWS recorded ({@code Type}, {@code Message} or {@code message}).
     */
    void assertError(String key, AwsServiceException error) {
        JsonNode expected = recorded(key);
        ObjectNode actual = JSON.createObjectNode();
        actual.putObject("Error").put("Code", error.awsErrorDetails().errorCode())
                .put("Message", error.awsErrorDetails().errorMessage());
        JsonNode body = parse(error.awsErrorDetails().rawResponse().asUtf8String());
        for (Iterator<String> names = expected.fieldNames(); names.hasNext(); ) {
            String member = names.next();
            if (!member.equals("Error") && !member.equals("ResponseMetadata") && body.has(member)) {
                actual.set(member, body.get(member));
            }
        }
        assertMatches(key, error.statusCode(), actual);
    }

    static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + json, e);
        }
    }

    private void match(JsonNode expected, JsonNode actual, String path) {
        if (expected.isObject()) {
            assertThat(actual.isObject()).as("%s: an object, got %s", path, actual).isTrue();
            assertThat(fieldNames(actual)).as("%s: members, in AWS's order", path).containsExactlyElementsOf(
                    fieldNames(expected));
            expected.fields().forEachRemaining(e -> match(e.getValue(), actual.get(e.getKey()), path + "." + e.getKey()));
        } else if (expected.isArray()) {
            assertThat(actual.isArray()).as("%s: an array, got %s", path, actual).isTrue();
            assertThat(actual.size()).as("%s: size", path).isEqualTo(expected.size());
            for (int i = 0; i < expected.size(); i++) {
                match(expected.get(i), actual.get(i), path + "[" + i + "]");
            }
        } else if (expected.isTextual() && actual.isTextual()) {
            bindString(expected.asText(), actual.asText(), path);
        } else {
            assertThat(actual).as(path).isEqualTo(expected);
        }
    }

    /** Matches a recorded string, whose placeholders match any text, and binds its indexed placeholders. */
    private void bindString(String expected, String actual, String path) {
        Matcher placeholders = PLACEHOLDER.matcher(expected);
        StringBuilder regex = new StringBuilder();
        List<String> names = new ArrayList<>();
        int last = 0;
        while (placeholders.find()) {
            regex.append(Pattern.quote(expected.substring(last, placeholders.start()))).append("(.+?)");
            names.add(placeholders.group(2) == null ? null : placeholders.group(1) + placeholders.group(2));
            last = placeholders.end();
        }
        regex.append(Pattern.quote(expected.substring(last)));
        Matcher m = Pattern.compile(regex.toString(), Pattern.DOTALL).matcher(actual);
        if (!m.matches()) {
            fail("%s %s: expected %s, got %s", name, path, expected, actual);
        }
        for (int i = 0; i < names.size(); i++) {
            String placeholder = names.get(i);
            if (placeholder == null) {
                continue;
            }
            String value = m.group(i + 1);
            String bound = bindings.putIfAbsent(placeholder, value);
            assertThat(bound == null ? value : bound).as("%s %s: <%s> stands for one value", name, path, placeholder)
                    .isEqualTo(value);
            bindings.forEach((other, otherValue) -> assertThat(other.equals(placeholder) || !otherValue.equals(value))
                    .as("%s %s: <%s> and <%s> stand for different values, both %s", name, path, placeholder, other,
                            value).isTrue());
        }
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
