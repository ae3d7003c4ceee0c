package dev.gust.eventsources;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gust.eventpatterns.EventPatterns;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

class RecordFilterTest {

    private static RecordFilter filter(String... patterns) throws Exception {
        return new RecordFilter(EventPatterns.compile(List.of(patterns)), "arn:aws:sqs:us-east-1:000000000000:q",
                "us-east-1");
    }

    private static Message message(String body) {
        return Message.builder().messageId("m").receiptHandle("r").body(body).md5OfBody("x")
                .attributes(Map.of(MessageSystemAttributeName.SENDER_ID, "AIDA1"))
                .messageAttributes(Map.of("kind", MessageAttributeValue.builder().dataType("String")
                        .stringValue("order").build()))
                .build();
    }

    @Test
    void matchesAJsonBodyByItsFields() throws Exception {
        RecordFilter filter = filter("{\"body\":{\"status\":[\"done\"],\"count\":[{\"numeric\":[\">\",5]}]}}");

        assertThat(filter.passes(message("{\"status\":\"done\",\"count\":7}"))).isTrue();
        assertThat(filter.passes(message("{\"status\":\"done\",\"count\":3}"))).isFalse();
        assertThat(filter.passes(message("status done"))).isFalse();
    }

    @Test
    void matchesAPlainStringBodyAsAString() throws Exception {
        RecordFilter filter = filter("{\"body\":[{\"prefix\":\"hello\"}]}");

        assertThat(filter.passes(message("hello world"))).isTrue();
        assertThat(filter.passes(message("goodbye"))).isFalse();
    }

    @Test
    void matchesAttributesAndMessageAttributes() throws Exception {
        assertThat(filter("{\"attributes\":{\"SenderId\":[\"AIDA1\"]}}").passes(message("x"))).isTrue();
        assertThat(filter("{\"messageAttributes\":{\"kind\":{\"stringValue\":[\"order\"]}}}").passes(message("x")))
                .isTrue();
        assertThat(filter("{\"messageAttributes\":{\"kind\":{\"stringValue\":[\"refund\"]}}}").passes(message("x")))
                .isFalse();
    }

    @Test
    void passesAMessageThatMatchesAnyOfSeveralFilters() throws Exception {
        RecordFilter filter = filter("{\"body\":{\"a\":[1]}}", "{\"body\":{\"b\":[2]}}");

        assertThat(filter.passes(message("{\"b\":2}"))).isTrue();
        assertThat(filter.passes(message("{\"c\":3}"))).isFalse();
    }

    @Test
    void passesEveryMessageWithoutFilters() throws Exception {
        assertThat(filter().passes(message("anything"))).isTrue();
    }
}
