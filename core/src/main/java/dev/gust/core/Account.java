package dev.gust.core;

import java.util.regex.Pattern;

/**
 * The account and region a resource lives in: the namespace of every regional resource (a function named {@code x}
 * in one namespace is unrelated to an {@code x} in another), and the ARNs it builds from them. A request acts in its
 * caller's account and its credential scope's region, unless it names another account's resource by its ARN.
 *
 * @param accountId twelve digits, {@code 000000000000} by default
 * @param region an AWS region name such as {@code us-east-1}
 */
public record Account(String accountId, String region) {

    private static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");
    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-gov)?-[a-z]+-\\d{1}");

    public Account {
        if (!ACCOUNT_ID.matcher(accountId).matches()) {
            throw new IllegalArgumentException("account id must be twelve digits, got '" + accountId + "'");
        }
        if (!REGION.matcher(region).matches()) {
            throw new IllegalArgumentException("region must look like us-east-1, got '" + region + "'");
        }
    }

    /** The default namespace of a server that configures none: {@code 000000000000} in {@code us-east-1}. */
    public static Account defaults() {
        return new Account("000000000000", "us-east-1");
    }

    /**
     * The partition of the region, as ARNs name it: {@code aws-cn} for China ({@code cn-*}), {@code aws-us-gov} for
     * GovCloud ({@code us-gov-*}), else {@code aws}.
     */
    public String partition() {
        if (region.startsWith("cn-")) {
            return "aws-cn";
        }
        return region.startsWith("us-gov-") ? "aws-us-gov" : "aws";
    }

    /** {@code arn:aws:lambda:us-east-1:000000000000:function:NAME} (in the region's partition). */
    public String functionArn(String functionName) {
        return lambdaArn() + region + ":" + accountId + ":function:" + functionName;
    }

    private String lambdaArn() {
        return "arn:" + partition() + ":lambda:";
    }

    /** The qualified ARN {@code ...:function:NAME:QUALIFIER}. */
    public String functionArn(String functionName, String qualifier) {
        return functionArn(functionName) + ":" + qualifier;
    }

    /** {@code arn:aws:lambda:us-east-1:000000000000:layer:NAME}. */
    public String layerArn(String layerName) {
        return lambdaArn() + region + ":" + accountId + ":layer:" + layerName;
    }

    /** The layer version ARN {@code ...:layer:NAME:VERSION}. */
    public String layerVersionArn(String layerName, long version) {
        return layerArn(layerName) + ":" + version;
    }

    /** {@code arn:aws:lambda:us-east-1:000000000000:event-source-mapping:UUID}: an event source mapping's ARN. */
    public String eventSourceMappingArn(String uuid) {
        return lambdaArn() + region + ":" + accountId + ":event-source-mapping:" + uuid;
    }

    /** The ARN of a runtime's version, as {@code RuntimeVersionConfig.RuntimeVersionArn} reports it. */
    public String runtimeVersionArn(String runtimeVersion) {
        return lambdaArn() + region + "::runtime:" + runtimeVersion;
    }
}
