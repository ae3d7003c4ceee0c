package dev.gust.api.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gust.core.LambdaException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FunctionSettingsRulesTest {

    @Test
    void reservedVariablesAreRefusedNamedInTheRequestsOrder() {
        Map<String, String> variables = new LinkedHashMap<>();
        variables.put("MINE", "x");
        variables.put("AWS_SESSION_TOKEN", "t");
        variables.put("AWS_REGION", "eu-west-1");
        variables.put("AWS_ACCESS_KEY_ID", "AKIA");

        assertThatThrownBy(() -> FunctionSettingsRules.checkEnvironment(variables))
                .isInstanceOfSatisfying(LambdaException.class, e -> {
                    assertThat(e.errorType()).isEqualTo("InvalidParameterValueException");
                    assertThat(e.status()).isEqualTo(400);
                })
                .hasMessage("Lambda was unable to configure your environment variables because the environment "
                        + "variables you have provided contains reserved keys that are currently not supported for "
                        + "modification. Reserved keys used in this request: AWS_SESSION_TOKEN, AWS_REGION, "
                        + "AWS_ACCESS_KEY_ID");
    }

    @Test
    void theEndpointAndOtherUnreservedAwsVariablesAreAccepted() {
        assertThatCode(() -> FunctionSettingsRules.checkEnvironment(Map.of("AWS_ENDPOINT_URL", "http://h:1",
                "AWS_ENDPOINT_URL_S3", "http://h:2", "TZ", "Europe/Paris", "AWS_MAX_ATTEMPTS", "3")))
                .doesNotThrowAnyException();
    }

    @Test
    void aRoleWithoutANameCannotBeAssumedWhileAPathedRoleCan() {
        assertThatThrownBy(() -> FunctionSettingsRules.checkAssumable("arn:aws:iam::000000000000:role/path/"))
                .isInstanceOfSatisfying(LambdaException.class, e -> assertThat(e.errorType())
                        .isEqualTo("InvalidParameterValueException"))
                .hasMessage("The role defined for the function cannot be assumed by Lambda.");
        assertThatCode(() -> FunctionSettingsRules.checkAssumable("arn:aws:iam::000000000000:role/path/lambda-role"))
                .doesNotThrowAnyException();
    }
}
