package dev.gust.core;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A parsed layer version ARN, {@code arn:aws:lambda:<region>:<account>:layer:<name>:<version>}.
 *
 * @param region the region named in the ARN
 * @param accountId the account named in the ARN
 * @param layerName the layer's name
 * @param version the version number
 */
public record LayerVersionArn(String region, String accountId, String layerName, long version) {

    /** The model's {@code LayerVersionArn} pattern, as AWS quotes it in validation errors. */
    public static final String PATTERN = "(arn:(aws[a-zA-Z-]*)?:lambda:(eusc-)?[a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-"
            + "\\d{1}:\\d{12}:layer:[a-zA-Z0-9-_]+:[0-9]+)|(arn:[a-zA-Z0-9-]+:lambda:::awslayer:[a-zA-Z0-9-_]+)";

    private static final Pattern MODEL = Pattern.compile(PATTERN);
    private static final Pattern PARTS = Pattern.compile(
            "arn:aws[a-zA-Z-]*:lambda:([^:]+):(\\d{12}):layer:([a-zA-Z0-9-_]+):([0-9]+)");

    /** Whether {@code arn} satisfies the model's pattern (and length 1..2048). */
    public static boolean matchesModel(String arn) {
        return arn != null && !arn.isEmpty() && arn.length() <= 2048 && MODEL.matcher(arn).matches();
    }

    /** Parses a regional layer version ARN; empty for anything else (including AWS's {@code awslayer} ARNs). */
    public static Optional<LayerVersionArn> parse(String arn) {
        if (arn == null) {
            return Optional.empty();
        }
        Matcher m = PARTS.matcher(arn);
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new LayerVersionArn(m.group(1), m.group(2), m.group(3), Long.parseLong(m.group(4))));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Whether this ARN names a layer of {@code account}. */
    public boolean belongsTo(Account account) {
        return account.accountId().equals(accountId) && account.region().equals(region);
    }
}
