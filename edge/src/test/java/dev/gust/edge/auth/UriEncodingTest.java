package dev.gust.edge.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Paths are encoded once more, as SigV4 clients sign them for non-S3 services; query values are normalized. */
class UriEncodingTest {

    @Test
    void encodesThePercentSignsOfAnEncodedFunctionArnAgain() {
        assertThat(canonicalPath(
                "/2015-03-31/functions/arn%3Aaws%3Alambda%3Aus-east-1%3A000000000000%3Afunction%3Afoo/configuration"))
                .isEqualTo("/2015-03-31/functions/"
                        + "arn%253Aaws%253Alambda%253Aus-east-1%253A000000000000%253Afunction%253Afoo/configuration");
    }

    @Test
    void encodesAnEncodedLatestQualifierAgainAndARawOneOnce() {
        assertThat(canonicalPath("/2015-03-31/functions/foo%3A%24LATEST/invocations"))
                .isEqualTo("/2015-03-31/functions/foo%253A%2524LATEST/invocations");
        assertThat(canonicalPath("/2015-03-31/functions/foo:$LATEST/invocations"))
                .isEqualTo("/2015-03-31/functions/foo%3A%24LATEST/invocations");
    }

    @Test
    void keepsSlashesAndUnreservedCharactersOfThePath() {
        assertThat(canonicalPath("/a-b_c.d~e/F0/")).isEqualTo("/a-b_c.d~e/F0/");
        assertThat(canonicalPath("")).isEqualTo("/");
        assertThat(canonicalPath("/")).isEqualTo("/");
    }

    @Test
    void encodesNonAsciiPathCharactersAsUtf8() {
        assertThat(canonicalPath("/fünction/\uD83D\uDE00")).isEqualTo("/f%C3%BCnction/%F0%9F%98%80");
    }

    @Test
    void removesDotAndEmptySegmentsAsBotocoreAndTheSdkDo() {
        assertThat(canonicalPath("/a//b/./c/../d")).isEqualTo("/a/b/d");
        assertThat(canonicalPath("/a/b/..")).isEqualTo("/a");
        assertThat(canonicalPath("/a/b/./")).isEqualTo("/a/b/");
        assertThat(canonicalPath("/..")).isEqualTo("/");
    }

    @Test
    void normalizesEverySpellingOfAQueryValueToOne() {
        assertThat(UriEncoding.canonicalQueryComponent("a%20b")).isEqualTo("a%20b");
        assertThat(UriEncoding.canonicalQueryComponent("%7e%2a%2A")).isEqualTo("~%2A%2A");
        assertThat(UriEncoding.canonicalQueryComponent("a+b")).isEqualTo("a%2Bb");
        assertThat(UriEncoding.canonicalQueryComponent("$LATEST")).isEqualTo("%24LATEST");
        assertThat(UriEncoding.canonicalQueryComponent("%24LATEST")).isEqualTo("%24LATEST");
        assertThat(UriEncoding.canonicalQueryComponent("100%")).isEqualTo("100%25");
        assertThat(UriEncoding.canonicalQueryComponent("välue")).isEqualTo("v%C3%A4lue");
    }

    @Test
    void returnsAnAlreadyCanonicalQueryValueItself() {
        String value = "MaxItems-10_a.b~c";

        assertThat(UriEncoding.canonicalQueryComponent(value)).isSameAs(value);
    }

    @Test
    void decodesPercentEncodedUtf8() {
        assertThat(UriEncoding.decode("AKID%2F20240101%2Fus-east-1")).isEqualTo("AKID/20240101/us-east-1");
        assertThat(UriEncoding.decode("v%C3%A4lue%zz")).isEqualTo("välue%zz");
    }

    private static String canonicalPath(String rawPath) {
        StringBuilder out = new StringBuilder();
        UriEncoding.appendCanonicalPath(out, rawPath);
        return out.toString();
    }
}
