package dev.gust.sns;

import dev.gust.core.messaging.MessageAttribute;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parameters of an SNS request in the query protocol, with its flattened maps and lists read back:
 * {@code Attributes.entry.N.key/value}, {@code Tags.member.N.Key/Value}, {@code TagKeys.member.N},
 * {@code MessageAttributes.entry.N.Name/Value.DataType/Value.StringValue/Value.BinaryValue}. Immutable.
 */
record SnsParameters(Map<String, String> values) {

    /** The value of {@code name}, or {@code null}. */
    String get(String name) {
        return values.get(name);
    }

    /** The value of a required parameter, or AWS's {@code InvalidParameter} naming it. */
    String require(String name) {
        String value = values.get(name);
        if (value == null) {
            throw SnsErrors.invalidParameter(name);
        }
        return value;
    }

    /** A map flattened as {@code PREFIX.entry.N.key} and {@code PREFIX.entry.N.value}, in the order of N. */
    Map<String, String> entries(String prefix) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 1; values.containsKey(prefix + ".entry." + i + ".key"); i++) {
            map.put(values.get(prefix + ".entry." + i + ".key"),
                    values.getOrDefault(prefix + ".entry." + i + ".value", ""));
        }
        return map;
    }

    /** The tags flattened as {@code Tags.member.N.Key} and {@code .Value}, in the order given. */
    Map<String, String> tags() {
        Map<String, String> tags = new LinkedHashMap<>();
        for (int i = 1; values.containsKey("Tags.member." + i + ".Key"); i++) {
            tags.put(values.get("Tags.member." + i + ".Key"), values.getOrDefault("Tags.member." + i + ".Value", ""));
        }
        return tags;
    }

    /** A list flattened as {@code PREFIX.member.N}. */
    List<String> members(String prefix) {
        List<String> list = new ArrayList<>();
        for (int i = 1; values.containsKey(prefix + ".member." + i); i++) {
            list.add(values.get(prefix + ".member." + i));
        }
        return list;
    }

    /** The message attributes under {@code prefix} ({@code MessageAttributes} or a batch entry's). */
    Map<String, MessageAttribute> messageAttributes(String prefix) {
        Map<String, MessageAttribute> attributes = new LinkedHashMap<>();
        for (int i = 1; values.containsKey(prefix + ".entry." + i + ".Name"); i++) {
            String entry = prefix + ".entry." + i + ".";
            String type = values.getOrDefault(entry + "Value.DataType", "");
            String binary = values.get(entry + "Value.BinaryValue");
            String string = values.get(entry + "Value.StringValue");
            MessageAttribute attribute;
            if (type.startsWith("Binary")) {
                byte[] bytes;
                try {
                    bytes = binary == null ? new byte[0] : Base64.getDecoder().decode(binary);
                } catch (IllegalArgumentException e) {
                    throw SnsErrors.invalidParameterValue("The message attribute '" + values.get(entry + "Name")
                            + "' has an invalid binary value.");
                }
                attribute = new MessageAttribute(type, null, bytes);
            } else {
                attribute = new MessageAttribute(type, string == null ? "" : string, null);
            }
            attributes.put(values.get(entry + "Name"), attribute);
        }
        return attributes;
    }

    /** Whether a boolean parameter is {@code true}. */
    boolean flag(String name) {
        return "true".equalsIgnoreCase(values.get(name));
    }
}
