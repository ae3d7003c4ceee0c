package dev.gust.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A topic's policy decides what other accounts may do with it: another account's root cannot publish to a topic until
 * its policy allows that account, and then only what the policy names. A malformed policy is refused. Accounts are
 * twelve-digit keys ({@code account-id-keys}).
 */
class SnsTopicPolicyIT {

    private static final String OTHER = "111111111111";

    @TempDir
    Path dataDir;

    @Test
    void anotherAccountPublishesOnlyOnceTheTopicPolicyAllowsIt() throws Exception {
        try (GustProcess gust = AsyncTesting.start(dataDir, Map.of("GUST_ACCOUNT_ID_KEYS", "true"))) {
            String topic = SnsTesting.createTopic(gust, "shared");

            SnsTesting.Cli refused = SnsTesting.cliAs(gust, OTHER, "sns", "publish", "--topic-arn", topic,
                    "--message", "from afar");
            assertThat(refused.exit()).isNotZero();
            // the edge's query-protocol code (SNS itself says AuthorizationError: see docs/compat/sns.md)
            assertThat(refused.output()).contains("(AccessDenied)", "User: arn:aws:iam::" + OTHER + ":root is not "
                    + "authorized to perform: sns:Publish on resource: " + topic);

            SnsTesting.Cli malformed = SnsTesting.cli(gust, "sns", "set-topic-attributes", "--topic-arn", topic,
                    "--attribute-name", "Policy", "--attribute-value", "{\"Statement\":[]}");
            assertThat(malformed.output()).contains("(InvalidParameter)", "Invalid parameter: Policy Error: ");

            SnsTesting.aws(gust, "sns", "set-topic-attributes", "--topic-arn", topic, "--attribute-name", "Policy",
                    "--attribute-value", "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                            + "\"Principal\":{\"AWS\":\"arn:aws:iam::" + OTHER + ":root\"},\"Action\":\"SNS:Publish\","
                            + "\"Resource\":\"" + topic + "\"}]}");

            SnsTesting.Cli allowed = SnsTesting.cliAs(gust, OTHER, "sns", "publish", "--topic-arn", topic,
                    "--message", "from afar");
            assertThat(allowed.exit()).as(allowed.output()).isZero();
            assertThat(allowed.json().path("MessageId").asText()).hasSize(36);
            SnsTesting.Cli subscribe = SnsTesting.cliAs(gust, OTHER, "sns", "subscribe", "--topic-arn", topic,
                    "--protocol", "sqs", "--notification-endpoint", "arn:aws:sqs:us-east-1:" + OTHER + ":q");
            assertThat(subscribe.output()).as("the policy names Publish only").contains("(AccessDenied)");
            assertThat(SnsTesting.aws(gust, "sns", "get-topic-attributes", "--topic-arn", topic)
                    .at("/Attributes/Owner").asText()).isEqualTo(SnsTesting.ACCOUNT);
        }
    }
}
