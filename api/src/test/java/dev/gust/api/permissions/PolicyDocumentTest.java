package dev.gust.api.permissions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gust.core.permissions.FunctionPolicy;
import dev.gust.core.permissions.PolicyPrincipal;
import dev.gust.core.permissions.PolicyStatement;
import java.util.List;
import org.junit.jupiter.api.Test;

class PolicyDocumentTest {

    private static final String ARN = "arn:aws:lambda:us-east-1:111111111111:function:fn";

    @Test
    void writesAStatementWithoutConditionsInAwsOrder() {
        PolicyStatement statement = new PolicyStatement("s3", PolicyPrincipal.fromParameter("s3.amazonaws.com")
                .orElseThrow(), "lambda:InvokeFunction", null, null, null, null, null);

        assertThat(PolicyDocument.statement(statement, ARN)).isEqualTo("{\"Sid\":\"s3\",\"Effect\":\"Allow\","
                + "\"Principal\":{\"Service\":\"s3.amazonaws.com\"},\"Action\":\"lambda:InvokeFunction\","
                + "\"Resource\":\"" + ARN + "\"}");
    }

    @Test
    void writesStringEqualsBeforeArnLikeAsRecorded() {
        PolicyStatement statement = new PolicyStatement("urlPermission", PolicyPrincipal.any(),
                "lambda:InvokeFunctionUrl", "arn:aws:s3:::b", "111111111111", null, "NONE", "o-1234567890");

        assertThat(PolicyDocument.statement(statement, ARN)).isEqualTo("{\"Sid\":\"urlPermission\","
                + "\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"lambda:InvokeFunctionUrl\",\"Resource\":\""
                + ARN + "\",\"Condition\":{\"StringEquals\":{\"AWS:SourceAccount\":\"111111111111\","
                + "\"lambda:FunctionUrlAuthType\":\"NONE\",\"aws:PrincipalOrgID\":\"o-1234567890\"},"
                + "\"ArnLike\":{\"AWS:SourceArn\":\"arn:aws:s3:::b\"}}}");
    }

    @Test
    void writesThePolicyWithItsStatementsInOrder() {
        PolicyStatement account = new PolicyStatement("a", PolicyPrincipal.fromParameter("111111111111")
                .orElseThrow(), "lambda:*", null, null, "token", null, null);
        PolicyStatement any = new PolicyStatement("b", PolicyPrincipal.any(), "lambda:GetFunction", null, null, null,
                null, null);

        assertThat(PolicyDocument.policy(new FunctionPolicy("r", List.of(account, any)), ARN)).isEqualTo(
                "{\"Version\":\"2012-10-17\",\"Id\":\"default\",\"Statement\":[{\"Sid\":\"a\",\"Effect\":\"Allow\","
                + "\"Principal\":{\"AWS\":\"arn:aws:iam::111111111111:root\"},\"Action\":\"lambda:*\",\"Resource\":\""
                + ARN + "\",\"Condition\":{\"StringEquals\":{\"lambda:EventSourceToken\":\"token\"}}},{\"Sid\":\"b\","
                + "\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"lambda:GetFunction\",\"Resource\":\"" + ARN
                + "\"}]}");
    }
}
