package dev.gust.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SQS with the real AWS CLI ({@code /usr/bin/aws} 2.9, which speaks the query protocol): queues, messages with
 * attributes, FIFO order and deduplication, a redrive policy moving a message to its dead-letter queue, paging,
 * tags, purge, AWS's errors, and two accounts with a queue of the same name.
 */
class SqsCliIT {

    private static final String CLI = """
            aws() { /usr/bin/aws --endpoint-url "$AWS_ENDPOINT_URL" --output json "$@"; }
            try() { "$@" 2>&1 || echo "exit $?"; }
            field() { python3 -c "import json,sys;d=json.load(open(sys.argv[1]))
            for k in sys.argv[2:]: d=d[int(k)] if k.isdigit() else d[k]
            print(d)" "$@"; }
            enter() {
                aws sts assume-role --role-arn "arn:aws:iam::$1:role/OrganizationAccountAccessRole" \\
                    --role-session-name ops > creds.json
                export AWS_ACCESS_KEY_ID=$(field creds.json Credentials AccessKeyId)
                export AWS_SECRET_ACCESS_KEY=$(field creds.json Credentials SecretAccessKey)
                export AWS_SESSION_TOKEN=$(field creds.json Credentials SessionToken)
            }
            """;

    @TempDir
    Path dataDir;
    @TempDir
    Path work;

    @Test
    void theCliManagesQueuesAndMessagesAsOnAws() throws Exception {
        try (GustProcess gust = GustProcess.start(dataDir)) {
            ReadmeShell.Result result = new ReadmeShell(work, gust).bash(CLI + """
                    Q=$(aws sqs create-queue --queue-name orders --query QueueUrl --output text)
                    echo "url=$Q"
                    echo "arn=$(aws sqs get-queue-attributes --queue-url $Q --attribute-names QueueArn \\
                        --query Attributes.QueueArn --output text)"
                    ID=$(aws sqs send-message --queue-url $Q --message-body hello \\
                        --message-attributes '{"colour":{"DataType":"String","StringValue":"blue"}}' \\
                        --query MessageId --output text)
                    aws sqs receive-message --queue-url $Q --wait-time-seconds 5 --message-attribute-names All \\
                        --attribute-names All > got.json
                    echo "received=$(field got.json Messages 0 MessageId) $(field got.json Messages 0 Body) \\
                    $(field got.json Messages 0 MessageAttributes colour StringValue) \\
                    $(field got.json Messages 0 Attributes ApproximateReceiveCount) \
                    $(field got.json Messages 0 Attributes SenderId)"
                    echo "sent=$ID"
                    aws sqs change-message-visibility --queue-url $Q --visibility-timeout 0 \\
                        --receipt-handle "$(field got.json Messages 0 ReceiptHandle)"
                    aws sqs receive-message --queue-url $Q --wait-time-seconds 5 > again.json
                    aws sqs delete-message --queue-url $Q --receipt-handle "$(field again.json Messages 0 ReceiptHandle)"
                    echo "empty=$(aws sqs receive-message --queue-url $Q --wait-time-seconds 1 --output text | wc -c)"

                    F=$(aws sqs create-queue --queue-name orders.fifo --attributes FifoQueue=true \\
                        --query QueueUrl --output text)
                    for i in 1 2 3; do
                        aws sqs send-message --queue-url $F --message-body "a$i" --message-group-id a \\
                            --message-deduplication-id "a$i" > /dev/null
                    done
                    aws sqs send-message --queue-url $F --message-body again --message-group-id a \\
                        --message-deduplication-id a1 > /dev/null
                    echo "fifo=$(aws sqs receive-message --queue-url $F --max-number-of-messages 10 \\
                        --query 'Messages[].Body' --output text)"

                    D=$(aws sqs create-queue --queue-name work-dlq --query QueueUrl --output text)
                    DARN=$(aws sqs get-queue-attributes --queue-url $D --attribute-names QueueArn \\
                        --query Attributes.QueueArn --output text)
                    python3 -c "import json,sys; print(json.dumps({'VisibilityTimeout': '1', 'RedrivePolicy':
                        json.dumps({'deadLetterTargetArn': sys.argv[1], 'maxReceiveCount': '2'})}))" $DARN > attrs.json
                    W=$(aws sqs create-queue --queue-name work --attributes file://attrs.json --query QueueUrl --output text)
                    aws sqs send-message --queue-url $W --message-body poison > /dev/null
                    for attempt in 1 2 3; do
                        echo "attempt-$attempt=$(aws sqs receive-message --queue-url $W --wait-time-seconds 2 \\
                            --query 'Messages[].Body' --output text)"
                        sleep 1.5
                    done
                    echo "dlq=$(aws sqs receive-message --queue-url $D --wait-time-seconds 2 \\
                        --query 'Messages[].Body' --output text)"
                    echo "sources=$(aws sqs list-dead-letter-source-queues --queue-url $D --query 'queueUrls' --output text)"

                    for n in 1 2 3; do aws sqs create-queue --queue-name page-$n > /dev/null; done
                    echo "pages=$(aws sqs list-queues --queue-name-prefix page- --page-size 2 --query QueueUrls \\
                        --output text)"
                    aws sqs tag-queue --queue-url $Q --tags team=gust,stage=dev
                    aws sqs untag-queue --queue-url $Q --tag-keys stage
                    echo "tags=$(aws sqs list-queue-tags --queue-url $Q --query Tags --output text)"
                    aws sqs send-message --queue-url $Q --message-body doomed > /dev/null
                    aws sqs purge-queue --queue-url $Q
                    echo "after-purge=$(aws sqs get-queue-attributes --queue-url $Q \\
                        --attribute-names ApproximateNumberOfMessages --query Attributes.ApproximateNumberOfMessages \\
                        --output text)"

                    try aws sqs get-queue-url --queue-name no-such-queue
                    try aws sqs create-queue --queue-name bad --attributes VisibilityTimeout=99999
                    try aws sqs create-queue --queue-name bad --attributes Colour=blue
                    python3 -c "print('x' * 1048577, end='')" > big.txt
                    try aws sqs send-message --queue-url $Q --message-body file://big.txt
                    echo "bad-exists=$(aws sqs list-queues --queue-name-prefix bad --query QueueUrls --output text)"

                    DEV=$(aws organizations create-account --account-name dev --email dev@example.com \\
                        --query CreateAccountStatus.AccountId --output text)
                    echo "dev=$DEV"
                    (
                        enter $DEV
                        DQ=$(aws sqs create-queue --queue-name orders --query QueueUrl --output text)
                        echo "dev-url=$DQ"
                        aws sqs send-message --queue-url $DQ --message-body from-dev > /dev/null
                        echo "dev-bodies=$(aws sqs receive-message --queue-url $DQ --wait-time-seconds 2 \\
                            --attribute-names SenderId --query 'Messages[].[Body,Attributes.SenderId]' --output text)"
                        echo "dev-queues=$(aws sqs list-queues --query QueueUrls --output text)"
                        echo $DQ > dev-url.txt
                    )
                    echo "root-count=$(aws sqs get-queue-attributes --queue-url $Q \\
                        --attribute-names ApproximateNumberOfMessages --query Attributes.ApproximateNumberOfMessages \\
                        --output text)"
                    try aws sqs send-message --queue-url $(cat dev-url.txt) --message-body intruder
                    """);

            assertThat(result.exitCode()).as(result.output()).isZero();
            String out = result.output();
            String edge = gust.endpoint().toString().replaceAll("/$", "");
            String dev = find(out, "dev=(\\d{12})");
            assertThat(out)
                    .contains("url=" + edge + "/000000000000/orders")
                    .contains("arn=arn:aws:sqs:us-east-1:000000000000:orders")
                    .containsPattern("received=(\\S+) hello blue 1 000000000000\\s+sent=\\1")
                    .contains("empty=0")
                    .contains("fifo=a1\ta2\ta3")
                    .contains("attempt-1=poison")
                    .contains("attempt-2=poison")
                    .containsPattern("(?m)^attempt-3=(None)?$")
                    .contains("dlq=poison")
                    .contains("sources=" + edge + "/000000000000/work")
                    .containsPattern("pages=" + Pattern.quote(edge) + "/000000000000/page-\\d\\t.*page-\\d\\t.*page-\\d")
                    .contains("tags=gust")
                    .contains("after-purge=0")
                    .contains("An error occurred (AWS.SimpleQueueService.NonExistentQueue) when calling the "
                            + "GetQueueUrl operation (reached max retries: 0): The specified queue does not exist.")
                    .contains("An error occurred (InvalidAttributeValue) when calling the CreateQueue operation "
                            + "(reached max retries: 0): "
                            + "Invalid value for the parameter VisibilityTimeout.")
                    .contains("An error occurred (InvalidAttributeName) when calling the CreateQueue operation "
                            + "(reached max retries: 0): "
                            + "Unknown Attribute Colour.")
                    .contains("An error occurred (InvalidParameterValue) when calling the SendMessage operation "
                            + "(reached max retries: 0): "
                            + "One or more parameters are invalid. Reason: Message must be shorter than 1048576 bytes.")
                    .contains("bad-exists=None")
                    .contains("dev-url=" + edge + "/" + dev + "/orders")
                    .containsPattern("dev-bodies=from-dev\tAROA[A-Z0-9]+:ops\n")
                    .contains("dev-queues=" + edge + "/" + dev + "/orders\n")
                    .contains("root-count=0")
                    .contains("An error occurred (AccessDenied) when calling the SendMessage operation "
                            + "(reached max retries: 0): User: "
                            + "arn:aws:iam::000000000000:root is not authorized to perform: sqs:SendMessage on resource: "
                            + "arn:aws:sqs:us-east-1:" + dev + ":orders");
        }
    }

    private static String find(String output, String regex) {
        Matcher m = Pattern.compile(regex).matcher(output);
        assertThat(m.find()).as(regex + " in " + output).isTrue();
        return m.group(1);
    }
}
