package dev.gust.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class FunctionReferenceTest {

    private final Account account = Account.defaults();

    @Test
    void parsesPlainNameWithAndWithoutQualifier() {
        assertThat(FunctionReference.parse("my-fn", account)).isEqualTo(new FunctionReference("my-fn", Optional.empty()));
        assertThat(FunctionReference.parse("my-fn:$LATEST", account).qualifier()).contains("$LATEST");
        assertThat(FunctionReference.parse("my-fn:prod", account).qualifier()).contains("prod");
    }

    @Test
    void parsesPartialAndFullArns() {
        assertThat(FunctionReference.parse("000000000000:function:fn", account).name()).isEqualTo("fn");
        FunctionReference full = FunctionReference.parse("arn:aws:lambda:us-east-1:000000000000:function:fn:7", account);
        assertThat(full).isEqualTo(new FunctionReference("fn", Optional.of("7")));
    }

    @Test
    void rejectsArnOfAnotherRegionAsAwsDoes() {
        assertThatThrownBy(() -> FunctionReference.parse("arn:aws:lambda:ap-southeast-1:000000000000:function:fn", account))
                .isInstanceOfSatisfying(LambdaException.class, e -> {
                    assertThat(e.errorType()).isEqualTo("ResourceNotFoundException");
                    assertThat(e.getMessage())
                            .isEqualTo("Functions from 'ap-southeast-1' are not reachable in this region ('us-east-1')");
                });
    }

    @Test
    void rejectsMalformedNameWithModelPattern() {
        assertThatThrownBy(() -> FunctionReference.parse("arn:aws:lambda:us-east-1:123400000000@function:myfn", account))
                .isInstanceOfSatisfying(LambdaException.class, e -> {
                    assertThat(e.errorType()).isEqualTo("ValidationException");
                    assertThat(e.getMessage()).startsWith("1 validation error detected: Value "
                            + "'arn:aws:lambda:us-east-1:123400000000@function:myfn' at 'functionName' failed to satisfy "
                            + "constraint: Member must satisfy regular expression pattern: (arn:(aws[a-zA-Z-]*)?:lambda:)?");
                });
    }

    @Test
    void createRejectsNamesLongerThan64WithInvalidParameterValue() {
        String name = "a".repeat(65);
        assertThatThrownBy(() -> FunctionReference.parseForCreate(name, account))
                .isInstanceOfSatisfying(LambdaException.class, e -> {
                    assertThat(e.errorType()).isEqualTo("InvalidParameterValueException");
                    assertThat(e.getMessage()).endsWith("Member must have length less than or equal to 64");
                });
        assertThat(FunctionReference.parse(name, account).name()).isEqualTo(name);
    }

    @Test
    void conflictingQualifiersAreRejected() {
        FunctionReference ref = FunctionReference.parse("fn:1", account);
        assertThat(ref.effectiveQualifier("1")).contains("1");
        assertThatThrownBy(() -> ref.effectiveQualifier("2")).hasMessage(
                "The derived qualifier from the function name does not match the specified qualifier.");
    }
}
