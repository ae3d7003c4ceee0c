package dev.gust.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SQS with boto3 1.26 ({@code /usr/bin/python3}), which speaks the query protocol and posts to the queue's URL. */
class SqsBoto3IT {

    @TempDir
    Path dataDir;
    @TempDir
    Path work;

    @Test
    void boto3BatchesAttributesAndErrorsWork() throws Exception {
        try (GustProcess gust = GustProcess.start(dataDir)) {
            ReadmeShell.Result result = new ReadmeShell(work, gust).bash("""
                    python3 - <<'EOF'
                    import os, boto3, botocore
                    sqs = boto3.client("sqs", endpoint_url=os.environ["AWS_ENDPOINT_URL"])
                    url = sqs.create_queue(QueueName="jobs", Attributes={"DelaySeconds": "0"})["QueueUrl"]
                    print("url=" + url)
                    sent = sqs.send_message_batch(QueueUrl=url, Entries=[
                        {"Id": str(i), "MessageBody": "job-%d" % i,
                         "MessageAttributes": {"n": {"DataType": "Number", "StringValue": str(i)}}} for i in range(10)])
                    print("sent=%d failed=%d" % (len(sent["Successful"]), len(sent.get("Failed", []))))
                    got = []
                    while len(got) < 10:
                        got += sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10, WaitTimeSeconds=2,
                                                   MessageAttributeNames=["All"], AttributeNames=["All"])["Messages"]
                    print("bodies=" + ",".join(sorted(m["Body"] for m in got)))
                    print("numbers=" + ",".join(sorted(m["MessageAttributes"]["n"]["StringValue"] for m in got)))
                    print("sender=" + got[0]["Attributes"]["SenderId"])
                    changed = sqs.change_message_visibility_batch(QueueUrl=url, Entries=[
                        {"Id": str(i), "ReceiptHandle": m["ReceiptHandle"], "VisibilityTimeout": 30}
                        for i, m in enumerate(got)])
                    print("changed=%d" % len(changed["Successful"]))
                    deleted = sqs.delete_message_batch(QueueUrl=url, Entries=[
                        {"Id": str(i), "ReceiptHandle": m["ReceiptHandle"]} for i, m in enumerate(got)])
                    print("deleted=%d" % len(deleted["Successful"]))
                    attributes = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["All"])["Attributes"]
                    print("visible=" + attributes["ApproximateNumberOfMessages"] + " arn=" + attributes["QueueArn"])
                    sqs.set_queue_attributes(QueueUrl=url, Attributes={"VisibilityTimeout": "45"})
                    print("visibility=" + sqs.get_queue_attributes(QueueUrl=url,
                          AttributeNames=["VisibilityTimeout"])["Attributes"]["VisibilityTimeout"])
                    for call in (lambda: sqs.get_queue_url(QueueName="missing"),
                                 lambda: sqs.set_queue_attributes(QueueUrl=url, Attributes={"DelaySeconds": "901"}),
                                 lambda: sqs.delete_message(QueueUrl=url, ReceiptHandle="junk"),
                                 lambda: sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=11),
                                 lambda: sqs.send_message_batch(QueueUrl=url, Entries=[])):
                        try:
                            call()
                            print("no error")
                        except botocore.exceptions.ClientError as e:
                            print("error=%s %d %s" % (e.response["Error"]["Code"],
                                  e.response["ResponseMetadata"]["HTTPStatusCode"], e.response["Error"]["Message"]))
                    sqs.delete_queue(QueueUrl=url)
                    print("after-delete=%s" % sqs.list_queues().get("QueueUrls"))
                    EOF
                    """);

            assertThat(result.exitCode()).as(result.output()).isZero();
            String edge = gust.endpoint().toString().replaceAll("/$", "");
            assertThat(result.output())
                    .contains("url=" + edge + "/000000000000/jobs")
                    .contains("sent=10 failed=0")
                    .contains("bodies=job-0,job-1,job-2,job-3,job-4,job-5,job-6,job-7,job-8,job-9")
                    .contains("numbers=0,1,2,3,4,5,6,7,8,9")
                    .contains("sender=")
                    .contains("changed=10")
                    .contains("deleted=10")
                    .contains("visible=0 arn=arn:aws:sqs:us-east-1:000000000000:jobs")
                    .contains("visibility=45")
                    .contains("error=AWS.SimpleQueueService.NonExistentQueue 400 The specified queue does not exist.")
                    .contains("error=InvalidAttributeValue 400 Invalid value for the parameter DelaySeconds.")
                    .containsPattern("error=ReceiptHandleIsInvalid 400 .+")
                    .contains("error=InvalidParameterValue 400 Value 11 for parameter MaxNumberOfMessages is invalid. "
                            + "Reason: Must be between 1 and 10, if provided.")
                    .contains("error=AWS.SimpleQueueService.EmptyBatchRequest 400 There should be at least one "
                            + "SendMessageBatchRequestEntry in the request.")
                    .contains("after-delete=None");
        }
    }
}
