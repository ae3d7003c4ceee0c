package dev.gust.api.layers;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gust.store.LayerPermission;
import dev.gust.store.LayerPolicy;

/**
 * Renders a layer version's policy as the IAM policy document AWS returns (as a JSON string) from
 * GetLayerVersionPolicy, and one statement as AddLayerVersionPermission returns it. Stateless.
 */
final class LayerPolicyDocument {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private LayerPolicyDocument() {
    }

    /** {@code {"Version":"2012-10-17","Id":"default","Statement":[...]}}. */
    static String policy(LayerPolicy policy, String layerVersionArn) {
        ObjectNode document = NODES.objectNode().put("Version", "2012-10-17").put("Id", "default");
        var statements = document.putArray("Statement");
        policy.statements().forEach(s -> statements.add(node(s, layerVersionArn)));
        return document.toString();
    }

    /** One statement: {@code {"Sid":..,"Effect":"Allow","Principal":..,"Action":..,"Resource":..}}. */
    static String statement(LayerPermission permission, String layerVersionArn) {
        return node(permission, layerVersionArn).toString();
    }

    private static ObjectNode node(LayerPermission p, String layerVersionArn) {
        ObjectNode node = NODES.objectNode().put("Sid", p.statementId()).put("Effect", "Allow");
        if (p.principal().matches("\\d{12}")) {
            node.putObject("Principal").put("AWS", "arn:aws:iam::" + p.principal() + ":root");
        } else if (p.principal().equals("*")) {
            node.put("Principal", "*");
        } else {
            node.putObject("Principal").put("AWS", p.principal());
        }
        node.put("Action", p.action()).put("Resource", layerVersionArn);
        if (p.organizationId() != null) {
            node.putObject("Condition").putObject("StringEquals").put("aws:PrincipalOrgID", p.organizationId());
        }
        return node;
    }
}
