package dev.gust.sns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gust.core.messaging.MessageAttribute;
import dev.gust.edge.EdgeException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FilterPolicyTest {

    private static Map<String, MessageAttribute> attributes(String... typeNameValue) {
        Map<String, MessageAttribute> map = new java.util.LinkedHashMap<>();
        for (int i = 0; i < typeNameValue.length; i += 3) {
            map.put(typeNameValue[i + 1], new MessageAttribute(typeNameValue[i], typeNameValue[i + 2], null));
        }
        return map;
    }

    @Test
    void attributesBecomeTheJsonAPolicyIsMatchedAgainst() {
        Map<String, MessageAttribute> attributes = new java.util.LinkedHashMap<>(attributes("String", "s", "x",
                "Number", "n", "1.50", "String.Array", "a", "[\"p\",2]", "Number.float", "f", "not a number"));
        attributes.put("b", new MessageAttribute("Binary", null, new byte[] {1}));

        assertThat(FilterPolicy.attributeDocument(attributes).toString())
                .isEqualTo("{\"s\":\"x\",\"n\":1.50,\"a\":[\"p\",2],\"f\":\"not a number\"}");
    }

    @Test
    void anAttributePolicyMatchesStringsNumbersAndArrays() {
        FilterPolicy policy = FilterPolicy.compile("{\"store\":[\"example_corp\"],\"price\":[{\"numeric\":[\">=\","
                + "100]}]}", null);

        assertThat(policy.matches("m", attributes("String", "store", "example_corp", "Number", "price", "100")))
                .isTrue();
        assertThat(policy.matches("m", attributes("String.Array", "store", "[\"other\",\"example_corp\"]",
                "Number", "price", "250.5"))).isTrue();
        assertThat(policy.matches("m", attributes("String", "store", "example_corp", "Number", "price", "99")))
                .isFalse();
        assertThat(policy.matches("m", attributes("String", "store", "example_corp"))).isFalse();
    }

    @Test
    void aBodyPolicyMatchesNestedFieldsOfAJsonMessageOnly() {
        FilterPolicy policy = FilterPolicy.compile("{\"order\":{\"status\":[{\"anything-but\":\"void\"}]}}",
                FilterPolicy.MESSAGE_BODY);

        assertThat(policy.matches("{\"order\":{\"status\":\"paid\"}}", Map.of())).isTrue();
        assertThat(policy.matches("{\"order\":{\"status\":\"void\"}}", Map.of())).isFalse();
        assertThat(policy.matches("not json", Map.of())).isFalse();
        assertThat(FilterPolicy.compile(null, FilterPolicy.MESSAGE_BODY).matches("not json", Map.of())).isTrue();
    }

    @Test
    void invalidPoliciesGetAwsMessages() {
        assertRefused("{\"a\":[1],\"b\":[1],\"c\":[1],\"d\":[1],\"e\":[1],\"f\":[1]}", null,
                "Invalid parameter: FilterPolicy: Filter policy can not have more than 5 keys");
        assertRefused("{\"a\":[1,2,3,4,5,6],\"b\":[1,2,3,4,5,6],\"c\":[1,2,3,4,5]}", null,
                "Invalid parameter: FilterPolicy: Filter policy is too complex");
        assertRefused("[1]", null, "Invalid parameter: FilterPolicy: Filter policy must be a JSON object");
        assertRefused("{\"a\":{\"b\":[1]}}", null, "Invalid parameter: FilterPolicy: Filter policy scope "
                + "MessageAttributes does not support nested filter policy");
        assertRefused("{\"a\":[1]}", "Everything", "Invalid parameter: FilterPolicyScope: Invalid filter policy "
                + "scope: Everything");
        assertThatThrownBy(() -> FilterPolicy.compile("{\"a\":[{\"numeric\":[\">\",\"x\"]}]}", null))
                .isInstanceOf(EdgeException.class).hasMessageStartingWith("Invalid parameter: FilterPolicy: ");
    }

    private static void assertRefused(String policy, String scope, String message) {
        assertThatThrownBy(() -> FilterPolicy.compile(policy, scope)).isInstanceOfSatisfying(EdgeException.class,
                e -> {
                    assertThat(e.code()).isEqualTo("InvalidParameter");
                    assertThat(e.getMessage()).isEqualTo(message);
                });
    }
}
