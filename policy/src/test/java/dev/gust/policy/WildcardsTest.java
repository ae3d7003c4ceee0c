package dev.gust.policy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The policy language's glob: {@code *} any run, {@code ?} one character, everything else literal. */
class WildcardsTest {

    private static final RequestContext NO_KEYS = RequestContext.builder("s3:GetObject", "*").build();

    @ParameterizedTest(name = "{0} ~ {1}: {2}")
    @CsvSource(delimiter = '|', value = {
        "*|''|true",
        "*|anything at all|true",
        "a*b*c|aXbYbZc|true",
        "a*b*c|aXbYbZ|false",
        "a*b*c|abc|true",
        "*.txt|notes.txt.bak|false",
        "?|''|false",
        "??|ab|true",
        "??|abc|false",
        "a?c*|abcdef|true",
        "**a|bba|true",
        "lambda:Get*|lambda:GetFunction|true",
        "lambda:Get*|lambda:ListFunctions|false"})
    void globMatchesTheWholeValue(String pattern, String value, boolean matches) {
        assertThat(Wildcards.compile(pattern, true, false, false).matches(value, NO_KEYS)).isEqualTo(matches);
    }

    @ParameterizedTest(name = "{0} ~ {1}: {2}")
    @CsvSource(delimiter = '|', value = {
        "lambda:get*|LAMBDA:GetFunction|true",
        "S3:*|s3:PutObject|true",
        "iam:*|sts:AssumeRole|false"})
    void actionsMatchInAnyCase(String pattern, String value, boolean matches) {
        assertThat(Wildcards.compile(pattern, true, false, true).matches(value, NO_KEYS)).isEqualTo(matches);
    }

    @ParameterizedTest(name = "{0} ~ {1}: {2}")
    @CsvSource(delimiter = '|', value = {
        "a*b|a*b|true",
        "a*b|aXb|false",
        "${aws:username}|${aws:username}|true"})
    void withoutWildcardsOrVariablesEveryCharacterIsLiteral(String pattern, String value, boolean matches) {
        assertThat(Wildcards.compile(pattern, false, false, false).matches(value, NO_KEYS)).isEqualTo(matches);
    }
}
