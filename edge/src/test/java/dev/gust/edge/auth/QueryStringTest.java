package dev.gust.edge.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The canonical query is sorted by encoded name, then value, and leaves out the presigned signature. */
class QueryStringTest {

    @Test
    void sortsByNameAndThenByValue() {
        assertThat(canonical("MaxItems=10&Marker=b&Marker=a&FunctionVersion=ALL", null))
                .isEqualTo("FunctionVersion=ALL&Marker=a&Marker=b&MaxItems=10");
    }

    @Test
    void sortsByTheEncodedNameSoUpperCaseComesFirst() {
        assertThat(canonical("b=1&B=2&a=3&_=4", null)).isEqualTo("B=2&_=4&a=3&b=1");
    }

    @Test
    void givesAParameterWithoutValueAnEmptyOneAndSkipsEmptyPairs() {
        assertThat(canonical("versions&&a=", null)).isEqualTo("a=&versions=");
    }

    @Test
    void leavesOutTheExcludedParameterWhateverItsEncoding() {
        assertThat(canonical("X-Amz-Signature=abc&X-Amz-Date=20240101T000000Z", "X-Amz-Signature"))
                .isEqualTo("X-Amz-Date=20240101T000000Z");
    }

    @Test
    void findsDecodedValuesByDecodedName() {
        QueryString query = QueryString.parse("X-Amz-Credential=AKID%2F20240101%2Fus-east-1%2Flambda%2Faws4_request&X-Amz-Algorithm");

        assertThat(query.value("X-Amz-Credential")).isEqualTo("AKID/20240101/us-east-1/lambda/aws4_request");
        assertThat(query.contains("X-Amz-Algorithm")).isTrue();
        assertThat(query.value("X-Amz-Algorithm")).isEmpty();
        assertThat(query.value("X-Amz-Date")).isNull();
    }

    @Test
    void isEmptyForNoQuery() {
        assertThat(canonical("", null)).isEmpty();
        assertThat(QueryString.parse(null).contains("X-Amz-Algorithm")).isFalse();
    }

    private static String canonical(String rawQuery, String excluded) {
        StringBuilder out = new StringBuilder();
        QueryString.parse(rawQuery).appendCanonical(out, excluded);
        return out.toString();
    }
}
