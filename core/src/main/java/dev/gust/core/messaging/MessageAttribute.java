package dev.gust.core.messaging;

import java.util.Objects;

/**
 * One message attribute, as SQS and SNS carry them: a data type ({@code String}, {@code Number}, {@code Binary},
 * optionally with a custom suffix such as {@code String.Array} or {@code Number.float}) and a string or binary value.
 *
 * @param dataType the attribute's data type
 * @param stringValue the value of a {@code String} or {@code Number} attribute, else {@code null}
 * @param binaryValue the value of a {@code Binary} attribute, else {@code null}
 */
public record MessageAttribute(String dataType, String stringValue, byte[] binaryValue) {

    public MessageAttribute {
        Objects.requireNonNull(dataType, "dataType");
        if ((stringValue == null) == (binaryValue == null)) {
            throw new IllegalArgumentException("a message attribute has either a string or a binary value");
        }
    }

    /** A {@code String} attribute. */
    public static MessageAttribute string(String value) {
        return new MessageAttribute("String", value, null);
    }
}
