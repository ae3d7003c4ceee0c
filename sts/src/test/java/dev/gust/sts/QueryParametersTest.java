package dev.gust.sts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gust.edge.EdgeException;
import org.junit.jupiter.api.Test;

class QueryParametersTest {

    @Test
    void decodesAFormBody() {
        QueryParameters parameters = QueryParameters.parse(null,
                "Action=AssumeRole&RoleArn=arn%3Aaws%3Aiam%3A%3A000000000000%3Arole%2Fr&Policy=a+b&Flag&Empty=");

        assertThat(parameters.value("Action")).isEqualTo("AssumeRole");
        assertThat(parameters.value("RoleArn")).isEqualTo("arn:aws:iam::000000000000:role/r");
        assertThat(parameters.value("Policy")).isEqualTo("a b");
        assertThat(parameters.value("Flag")).isEmpty();
        assertThat(parameters.value("Empty")).isEmpty();
        assertThat(parameters.value("Missing")).isNull();
    }

    @Test
    void readsTheUrlQueryAndLetsTheBodyWin() {
        QueryParameters parameters = QueryParameters.parse("Action=GetCallerIdentity&Version=2011-06-15", "Version=x");

        assertThat(parameters.value("Action")).isEqualTo("GetCallerIdentity");
        assertThat(parameters.value("Version")).isEqualTo("x");
    }

    @Test
    void refusesAMalformedEscape() {
        assertThatThrownBy(() -> QueryParameters.parse("RoleArn=%zz"))
                .isInstanceOfSatisfying(EdgeException.class, e -> assertThat(e.status()).isEqualTo(400));
    }
}
