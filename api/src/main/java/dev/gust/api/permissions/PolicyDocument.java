package dev.gust.api.permissions;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gust.core.permissions.FunctionPolicy;
import dev.gust.core.permissions.PolicyStatement;

/**
 * Renders a function's policy as the IAM policy document AWS returns (as a JSON string) from GetPolicy, and one
 * statement as AddPermission returns it, member for member in AWS's order:
 * {@code {"Sid","Effect","Principal","Action","Resource","Condition":{"StringEquals":{..},"ArnLike":{..}}}}.
 * Stateless.
 */
final class PolicyDocument {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private PolicyDocument() {
    }

    /** {@code {"Version":"2012-10-17","Id":"default","Statement":[...]}}, compact. */
    static String policy(FunctionPolicy policy, String resourceArn) {
        ObjectNode document = NODES.objectNode().put("Version", "2012-10-17").put("Id", "default");
        var statements = document.putArray("Statement");
        policy.statements().forEach(s -> statements.add(node(s, resourceArn)));
        return document.toString();
    }

    /** One statement, compact. */
    static String statement(PolicyStatement statement, String resourceArn) {
        return node(statement, resourceArn).toString();
    }

    private static ObjectNode node(PolicyStatement s, String resourceArn) {
        ObjectNode node = NODES.objectNode().put("Sid", s.sid()).put("Effect", "Allow");
        switch (s.principal().kind()) {
            case ANY -> node.put("Principal", "*");
            case SERVICE -> node.putObject("Principal").put("Service", s.principal().value());
            case AWS -> node.putObject("Principal").put("AWS", s.principal().value());
        }
        node.put("Action", s.action()).put("Resource", resourceArn);
        ObjectNode equals = NODES.objectNode();
        putIfSet(equals, "AWS:SourceAccount", s.sourceAccount());
        putIfSet(equals, "lambda:EventSourceToken", s.eventSourceToken());
        putIfSet(equals, "lambda:FunctionUrlAuthType", s.functionUrlAuthType());
        putIfSet(equals, "aws:PrincipalOrgID", s.principalOrgId());
        if (!equals.isEmpty() || s.sourceArn() != null) {
            ObjectNode condition = node.putObject("Condition");
            if (!equals.isEmpty()) {
                condition.set("StringEquals", equals);
            }
            if (s.sourceArn() != null) {
                condition.putObject("ArnLike").put("AWS:SourceArn", s.sourceArn());
            }
        }
        return node;
    }

    private static void putIfSet(ObjectNode node, String key, String value) {
        if (value != null) {
            node.put(key, value);
        }
    }
}
