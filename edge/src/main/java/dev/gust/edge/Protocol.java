package dev.gust.edge;

/** The AWS wire protocols, as named in the services' models ({@code metadata.protocol}). */
public enum Protocol {
    /** {@code rest-json}: Lambda, API Gateway; errors in {@code x-amzn-ErrorType} and a JSON body. */
    REST_JSON,
    /** {@code json} 1.0 ({@code X-Amz-Target}): SQS, EventBridge Scheduler's peers. */
    JSON_1_0,
    /** {@code json} 1.1 ({@code X-Amz-Target}): EventBridge, CloudWatch Logs. */
    JSON_1_1,
    /** {@code query}: STS, IAM, SNS, CloudFormation; form-encoded {@code Action=...}, XML responses. */
    QUERY,
    /** {@code rest-xml}: S3. */
    REST_XML
}
