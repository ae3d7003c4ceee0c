package dev.gust.sqs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gust.core.Account;
import org.junit.jupiter.api.Test;

class QueueAddressTest {

    @Test
    void readsAQueueUrlOfAnyHostInTheRequestsRegion() {
        assertThat(QueueAddress.fromUrl("http://127.0.0.1:9000/123456789012/orders.fifo", "eu-west-1"))
                .contains(new QueueAddress(new Account("123456789012", "eu-west-1"), "orders.fifo"));
        assertThat(QueueAddress.fromUrl("https://sqs.us-east-1.amazonaws.com/000000000000/q", "us-east-1"))
                .contains(new QueueAddress(new Account("000000000000", "us-east-1"), "q"));
    }

    @Test
    void readsAQueueUrlPath() {
        assertThat(QueueAddress.fromUrl("/000000000000/q", "us-east-1")).map(QueueAddress::name).contains("q");
        assertThat(QueueAddress.fromUrl("/", "us-east-1")).isEmpty();
        assertThat(QueueAddress.fromUrl("/queue/q", "us-east-1")).isEmpty();
        assertThat(QueueAddress.fromUrl("http://h/12/q", "us-east-1")).isEmpty();
    }

    @Test
    void readsAndWritesArns() {
        QueueAddress queue = QueueAddress.fromArn("arn:aws:sqs:ap-south-1:111122223333:jobs").orElseThrow();
        assertThat(queue.account()).isEqualTo(new Account("111122223333", "ap-south-1"));
        assertThat(queue.arn()).isEqualTo("arn:aws:sqs:ap-south-1:111122223333:jobs");
        assertThat(queue.url("http://localhost:9000")).isEqualTo("http://localhost:9000/111122223333/jobs");
        assertThat(QueueAddress.fromArn("arn:aws:sns:us-east-1:111122223333:topic")).isEmpty();
        assertThat(QueueAddress.fromArn("arn:aws:sqs:nowhere:111122223333:jobs")).isEmpty();
    }

    @Test
    void givesAQueuesUrlAtTheEdge() {
        assertThat(SqsQueueMessages.queueUrl("http://127.0.0.1:9000/", "arn:aws:sqs:us-east-1:000000000000:q"))
                .isEqualTo("http://127.0.0.1:9000/000000000000/q");
    }
}
