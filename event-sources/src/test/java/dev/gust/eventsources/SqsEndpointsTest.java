package dev.gust.eventsources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;

class SqsEndpointsTest {

    @Test
    void findsTheLongestPrefixOfAQueueArn() {
        SqsEndpoints endpoints = SqsEndpoints.parse("arn:aws:sqs:eu-west-1:=https://sqs.eu-west-1.amazonaws.com,"
                + " arn:aws:sqs:eu-west-1:123456789012:=https://sqs.eu-west-1.amazonaws.com;profile=prod");

        assertThat(endpoints.find("arn:aws:sqs:eu-west-1:123456789012:orders")).hasValueSatisfying(e -> {
            assertThat(e.url()).isEqualTo(URI.create("https://sqs.eu-west-1.amazonaws.com"));
            assertThat(e.profile()).isEqualTo("prod");
        });
        assertThat(endpoints.find("arn:aws:sqs:eu-west-1:999999999999:orders"))
                .hasValueSatisfying(e -> assertThat(e.profile()).isNull());
        assertThat(endpoints.find("arn:aws:sqs:us-east-1:000000000000:orders")).isEmpty();
    }

    @Test
    void treatsAnEmptySettingAsNoEndpoints() {
        assertThat(SqsEndpoints.parse("").find("arn:aws:sqs:us-east-1:000000000000:q")).isEmpty();
    }

    @Test
    void refusesAnEntryThatIsNotAnArnPrefixAndAnHttpUrl() {
        assertThatThrownBy(() -> SqsEndpoints.parse("eu-west-1=https://x")).hasMessageContaining("ARN_PREFIX=URL");
        assertThatThrownBy(() -> SqsEndpoints.parse("arn:aws:sqs:eu-west-1:=ftp://x"))
                .hasMessageContaining("not an http(s) URL");
        assertThatThrownBy(() -> SqsEndpoints.parse("arn:aws:sqs:eu-west-1:=https://x;key=secret"))
                .hasMessageContaining("only profile=NAME");
    }
}
