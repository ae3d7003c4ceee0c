package dev.gust.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** An account and a region name where a resource lives; its ARNs name the region's partition. */
class AccountTest {

    @Test
    void arnsCarryTheAccountTheRegionAndItsPartition() {
        assertThat(new Account("123456789012", "eu-west-1").functionArn("x"))
                .isEqualTo("arn:aws:lambda:eu-west-1:123456789012:function:x");
        assertThat(new Account("123456789012", "cn-north-1").layerVersionArn("deps", 2))
                .isEqualTo("arn:aws-cn:lambda:cn-north-1:123456789012:layer:deps:2");
        assertThat(new Account("123456789012", "us-gov-west-1").functionArn("x", "live"))
                .isEqualTo("arn:aws-us-gov:lambda:us-gov-west-1:123456789012:function:x:live");
    }

    @Test
    void aFunctionArnParsesBackToItsNamespaceAndName() {
        Account china = new Account("123456789012", "cn-north-1");

        assertThat(FunctionArn.parse(china.functionArn("x"))).contains(new FunctionArn(china, "x"));
        assertThat(new FunctionArn(china, "x")).hasToString("arn:aws-cn:lambda:cn-north-1:123456789012:function:x");
        assertThat(FunctionArn.parse("arn:aws:lambda:us-east-1:123456789012:function:x:live")).isEmpty();
        assertThat(FunctionArn.parse("x")).isEmpty();
        assertThatThrownBy(() -> FunctionArn.require("x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aRequestActsInTheAccountThatAFunctionArnNames() {
        Account request = new Account("123456789012", "eu-west-1");

        assertThat(FunctionReference.namespaceOf("x", request)).isEqualTo(request);
        assertThat(FunctionReference.namespaceOf("arn:aws:lambda:eu-west-1:123456789012:function:x", request))
                .isEqualTo(request);
        assertThat(FunctionReference.namespaceOf("arn:aws:lambda:eu-west-1:111122223333:function:x:3", request))
                .isEqualTo(new Account("111122223333", "eu-west-1"));
        assertThat(FunctionReference.namespaceOf("111122223333:function:x", request))
                .isEqualTo(new Account("111122223333", "eu-west-1"));
        assertThat(FunctionReference.namespaceOf("not a name", request)).isEqualTo(request);
        assertThat(FunctionReference.parse("arn:aws:lambda:eu-west-1:111122223333:function:x:3",
                new Account("111122223333", "eu-west-1"))).isEqualTo(new FunctionReference("x", Optional.of("3")));
    }
}
