package dev.gust.sts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gust.edge.EdgeException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QueryParametersTest {

    @Test
    void decodesAFormBody() {
        Map<String, String> parameters = QueryParameters.parse(null,
                "Action=AssumeRole&RoleArn=arn%3Aaws%3Aiam%3A%3A000000000000%3Arole%2Fr&Policy=a+b&Flag&Empty=");

        assertThat(parameters.get("Action")).isEqualTo("AssumeRole");
        assertThat(parameters.get("RoleArn")).isEqualTo("arn:aws:iam::000000000000:role/r");
        assertThat(parameters.get("Policy")).isEqualTo("a b");
        assertThat(parameters.get("Flag")).isEmpty();
        assertThat(parameters.get("Empty")).isEmpty();
        assertThat(parameters.get("Missing")).isNull();
    }

    @Test
    void readsTheUrlQueryAndLetsTheBodyWin() {
        Map<String, String> parameters = QueryParameters.parse("Action=GetCallerIdentity&Version=2011-06-15", "Version=x");

        assertThat(parameters.get("Action")).isEqualTo("GetCallerIdentity");
        assertThat(parameters.get("Version")).isEqualTo("x");
    }

    @Test
    void refusesAMalformedEscape() {
        assertThatThrownBy(() -> QueryParameters.parse("RoleArn=%zz"))
                .isInstanceOfSatisfying(EdgeException.class, e -> assertThat(e.status()).isEqualTo(400));
    }
}
