package dev.gust.core;

import java.util.Objects;

/**
 * One layer version a function uses, as its configuration remembers it: the version's ARN and its package.
 *
 * <p>The package is copied into the function's configuration when the layer is added, so the function keeps its
 * layer content even after the layer version is deleted, as on AWS.
 *
 * @param arn the layer version ARN, {@code arn:aws:lambda:<region>:<account>:layer:<name>:<version>}
 * @param code the layer version's package ({@code CodeSize} is its zipped size)
 */
public record FunctionLayer(String arn, CodePackage code) {

    public FunctionLayer {
        Objects.requireNonNull(arn, "arn");
        Objects.requireNonNull(code, "code");
    }
}
