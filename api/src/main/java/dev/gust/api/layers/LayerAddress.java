package dev.gust.api.layers;

import dev.gust.core.Account;
import dev.gust.core.LambdaException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code LayerName} and {@code VersionNumber} of a layer operation's path, validated as AWS validates them.
 * {@code LayerName} may be a name or a layer ARN.
 *
 * @param name the layer's name
 * @param foreign whether the ARN named another region or account, so that no such layer exists in Gust
 */
record LayerAddress(String name, boolean foreign) {

    static final String NAME_PATTERN = "(arn:(aws[a-zA-Z-]*)?:lambda:(eusc-)?[a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-"
            + "\\d{1}:\\d{12}:layer:[a-zA-Z0-9-_]+)|[a-zA-Z0-9-_]+";
    private static final Pattern NAME = Pattern.compile(NAME_PATTERN);
    private static final Pattern ARN = Pattern.compile("arn:[^:]*:lambda:([^:]+):(\\d{12}):layer:([a-zA-Z0-9-_]+)");

    /** Parses the {@code LayerName} path parameter. */
    static LayerAddress parse(String layerName, Account account) {
        if (layerName == null || layerName.isEmpty() || layerName.length() > 140 || !NAME.matcher(layerName).matches()) {
            String constraint = layerName != null && layerName.length() > 140
                    ? "Member must have length less than or equal to 140"
                    : "Member must satisfy regular expression pattern: " + NAME_PATTERN;
            throw LambdaException.validation("1 validation error detected: Value '" + layerName + "' at 'layerName' "
                    + "failed to satisfy constraint: " + constraint);
        }
        Matcher arn = ARN.matcher(layerName);
        if (arn.matches()) {
            boolean foreign = !arn.group(1).equals(account.region()) || !arn.group(2).equals(account.accountId());
            return new LayerAddress(arn.group(3), foreign);
        }
        return new LayerAddress(layerName, false);
    }

    /** Parses the {@code VersionNumber} path parameter; AWS refuses numbers below 1 before looking anything up. */
    static long version(String versionNumber) {
        long version;
        try {
            version = Long.parseLong(versionNumber);
        } catch (NumberFormatException e) {
            throw LambdaException.validation("1 validation error detected: Value '" + versionNumber
                    + "' at 'versionNumber' failed to satisfy constraint: Member must be a number");
        }
        if (version < 1) {
            throw LambdaException.invalidParameterValue("Layer Version Cannot be less than 1");
        }
        return version;
    }

    /** This layer's name, unless the ARN named another account or region. */
    Optional<String> local() {
        return foreign ? Optional.empty() : Optional.of(name);
    }
}
