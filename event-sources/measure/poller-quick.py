#!/usr/bin/python3
"""A quick measurement of the SQS pollers on a running Gust server (not the bench: see docs/benchmarks.md).

Usage: /usr/bin/python3 event-sources/measure/poller-quick.py http://127.0.0.1:PORT ACCESS_KEY SECRET_KEY

1. Delivery rate: N messages are queued while the mapping is disabled; the mapping is enabled and the time until
   the queue is empty (every message delivered to a no-op Python function and deleted) gives messages/s, for
   BatchSize 10 and 100 (window 1 s). The same run measures the raw receive-and-delete rate of this client.
2. Latency from SendMessage to the handler starting (BatchSize 1, window 0): the handler compares the time it starts
   with the message's SentTimestamp and sends the difference to a sink queue; p50 and p90 of 200 messages.
"""
import io, json, statistics, sys, time, zipfile
import boto3

endpoint, key, secret = sys.argv[1:4]
session = boto3.session.Session(aws_access_key_id=key, aws_secret_access_key=secret, region_name="us-east-1")
sqs = session.client("sqs", endpoint_url=endpoint)
lam = session.client("lambda", endpoint_url=endpoint)
ROLE = "arn:aws:iam::000000000000:role/lambda-role"


def function(name, code, env=None):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("lambda_function.py", code)
    lam.create_function(FunctionName=name, Runtime="python3.12", Role=ROLE, Handler="lambda_function.lambda_handler",
                        Code={"ZipFile": buf.getvalue()}, Timeout=30, MemorySize=256,
                        Environment={"Variables": env or {}})


def state(uuid, wanted):
    while lam.get_event_source_mapping(UUID=uuid)["State"] != wanted:
        time.sleep(0.1)


def left(url):
    a = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["ApproximateNumberOfMessages",
                                                              "ApproximateNumberOfMessagesNotVisible"])["Attributes"]
    return int(a["ApproximateNumberOfMessages"]) + int(a["ApproximateNumberOfMessagesNotVisible"])


def fill(url, n):
    for start in range(0, n, 10):
        sqs.send_message_batch(QueueUrl=url, Entries=[{"Id": str(i), "MessageBody": "m%d" % i}
                                                      for i in range(start, min(n, start + 10))])


def raw_rate(n):
    url = sqs.create_queue(QueueName="raw-%d" % time.time_ns())["QueueUrl"]
    fill(url, n)
    began, done = time.monotonic(), 0
    while done < n:
        msgs = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10, WaitTimeSeconds=1).get("Messages", [])
        if msgs:
            sqs.delete_message_batch(QueueUrl=url, Entries=[{"Id": str(i), "ReceiptHandle": m["ReceiptHandle"]}
                                                            for i, m in enumerate(msgs)])
        done += len(msgs)
    return n / (time.monotonic() - began)


def delivery_rate(batch, n):
    name = "rate-%d-%d" % (batch, time.time_ns())
    url = sqs.create_queue(QueueName=name, Attributes={"VisibilityTimeout": "60"})["QueueUrl"]
    arn = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    function(name, "def lambda_handler(event, context):\n    return None\n")
    uuid = lam.create_event_source_mapping(FunctionName=name, EventSourceArn=arn, BatchSize=batch,
                                           MaximumBatchingWindowInSeconds=1, Enabled=False)["UUID"]
    state(uuid, "Disabled")
    fill(url, n)
    began = time.monotonic()
    lam.update_event_source_mapping(UUID=uuid, Enabled=True)
    while left(url) > 0:
        time.sleep(0.05)
    return n / (time.monotonic() - began)


def latency(count):
    sink = sqs.create_queue(QueueName="latency-sink")["QueueUrl"]
    url = sqs.create_queue(QueueName="latency")["QueueUrl"]
    arn = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    function("latency", """import boto3, os, time
sqs = boto3.client('sqs', endpoint_url=os.environ['AWS_ENDPOINT_URL'])
def lambda_handler(event, context):
    now = time.time() * 1000
    r = event['Records'][0]
    sqs.send_message(QueueUrl=os.environ['SINK'], MessageBody=str(now - int(r['attributes']['SentTimestamp'])))
""", {"SINK": sink})
    uuid = lam.create_event_source_mapping(FunctionName="latency", EventSourceArn=arn, BatchSize=1)["UUID"]
    state(uuid, "Enabled")
    sqs.send_message(QueueUrl=url, MessageBody="warm-up")
    time.sleep(3)
    sqs.purge_queue(QueueUrl=sink)
    for i in range(count):
        sqs.send_message(QueueUrl=url, MessageBody="m%d" % i)
        time.sleep(0.05)
    values = []
    while len(values) < count:
        for m in sqs.receive_message(QueueUrl=sink, MaxNumberOfMessages=10, WaitTimeSeconds=1).get("Messages", []):
            values.append(float(m["Body"]))
            sqs.delete_message(QueueUrl=sink, ReceiptHandle=m["ReceiptHandle"])
    values.sort()
    return statistics.median(values), values[int(len(values) * 0.9)]


n = 5000
print(json.dumps({"raw_receive_delete_per_s_one_client": round(raw_rate(n)),
                  "delivery_per_s_batch_10": round(delivery_rate(10, n)),
                  "delivery_per_s_batch_100": round(delivery_rate(100, n))}))
p50, p90 = latency(200)
print(json.dumps({"send_to_handler_ms_p50": round(p50, 1), "send_to_handler_ms_p90": round(p90, 1)}))
