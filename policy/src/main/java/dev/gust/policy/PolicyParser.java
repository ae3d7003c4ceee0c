package dev.gust.policy;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a policy document, validates it as IAM does and compiles it. IAM reports the first problem it finds in this
 * order: the document's shape ({@code Syntax errors in policy.}), its version, values it cannot read
 * ({@code The policy failed legacy parsing}), elements missing or prohibited for the policy's kind, then the form
 * of actions, resources and statement ids. Stateless.
 */
final class PolicyParser {

    static final String SYNTAX = "Syntax errors in policy.";
    static final String CURRENT_VERSION = "2012-10-17";
    private static final String LEGACY_VERSION = "2008-10-17";
    private static final Set<String> TOP_LEVEL = Set.of("Version", "Id", "Statement");
    private static final Set<String> ELEMENTS = Set.of("Sid", "Effect", "Principal", "NotPrincipal", "Action",
            "NotAction", "Resource", "NotResource", "Condition");
    private static final Set<String> PRINCIPAL_TYPES = Set.of("AWS", "Service", "Federated", "CanonicalUser");
    private static final Set<String> PARTITIONS = Set.of("aws", "aws-cn", "aws-us-gov", "*");
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private PolicyParser() {
    }

    static Policy parse(String json, PolicyKind kind) {
        JsonNode root = read(json);
        String version = root.has("Version") ? root.get("Version").asText() : null;
        List<JsonNode> statements = statements(root);
        if (kind == PolicyKind.IDENTITY && !CURRENT_VERSION.equals(version)) {
            throw new MalformedPolicyException("Policy document must be version 2012-10-17 or greater.");
        }
        for (JsonNode statement : statements) {
            requireKnownEffect(statement);
            requireAllowedElements(statement, kind);
        }
        boolean variables = CURRENT_VERSION.equals(version);
        List<Condition[]> conditions = new ArrayList<>();
        for (JsonNode statement : statements) {
            conditions.add(conditions(statement.get("Condition"), variables));
            for (String resource : strings(statement, "Resource", "NotResource")) {
                requireLegacyResource(resource);
            }
        }
        for (JsonNode statement : statements) {
            requirePresent(statement, kind);
        }
        Set<String> sids = new HashSet<>();
        List<Statement> compiled = new ArrayList<>();
        for (int i = 0; i < statements.size(); i++) {
            JsonNode statement = statements.get(i);
            String sid = statement.has("Sid") ? statement.get("Sid").asText() : null;
            if (sid != null && !sid.isEmpty() && !sids.add(sid)) {
                throw new MalformedPolicyException("Statement IDs (SID) in a single policy must be unique.");
            }
            if (kind == PolicyKind.IDENTITY && sid != null && !sid.chars().allMatch(Character::isLetterOrDigit)) {
                throw new MalformedPolicyException("Statement IDs (SID) must be alpha-numeric. Check that your input "
                        + "satisfies the regular expression [0-9A-Za-z]*");
            }
            compiled.add(statement(statement, kind, sid, conditions.get(i), variables));
        }
        return new Policy(json, kind, compiled);
    }

    /** Whether a statement of the (well-formed) document names principals; {@code false} for a malformed one. */
    static boolean namesPrincipals(String json) {
        try {
            for (JsonNode statement : statements(read(json))) {
                if (statement.has("Principal") || statement.has("NotPrincipal")) {
                    return true;
                }
            }
        } catch (MalformedPolicyException malformed) {
            return false; // parsing again reports it
        }
        return false;
    }

    private static JsonNode read(String json) {
        JsonNode root;
        try {
            root = json == null ? null : JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new MalformedPolicyException(SYNTAX);
        }
        if (root == null || !root.isObject()) {
            throw new MalformedPolicyException(SYNTAX);
        }
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            if (!TOP_LEVEL.contains(names.next())) {
                throw new MalformedPolicyException(SYNTAX);
            }
        }
        JsonNode version = root.get("Version");
        if (version != null && !(version.isTextual()
                && (version.asText().equals(CURRENT_VERSION) || version.asText().equals(LEGACY_VERSION)))) {
            throw new MalformedPolicyException(SYNTAX);
        }
        if (root.has("Id") && !root.get("Id").isTextual()) {
            throw new MalformedPolicyException(SYNTAX);
        }
        return root;
    }

    /** The statements, each checked for shape: known elements of the right JSON types, no element with its Not. */
    private static List<JsonNode> statements(JsonNode root) {
        JsonNode element = root.get("Statement");
        List<JsonNode> statements = new ArrayList<>();
        if (element != null && element.isObject()) {
            statements.add(element);
        } else if (element != null && element.isArray()) {
            element.forEach(statements::add);
        }
        if (statements.isEmpty()) {
            throw new MalformedPolicyException(SYNTAX);
        }
        for (JsonNode statement : statements) {
            requireShape(statement);
        }
        return statements;
    }

    private static void requireShape(JsonNode statement) {
        if (!statement.isObject()) {
            throw new MalformedPolicyException(SYNTAX);
        }
        for (Iterator<String> names = statement.fieldNames(); names.hasNext(); ) {
            if (!ELEMENTS.contains(names.next())) {
                throw new MalformedPolicyException(SYNTAX);
            }
        }
        if (statement.has("Action") && statement.has("NotAction")
                || statement.has("Resource") && statement.has("NotResource")
                || statement.has("Principal") && statement.has("NotPrincipal")) {
            throw new MalformedPolicyException(SYNTAX);
        }
        if (statement.has("Sid") && !statement.get("Sid").isTextual()) {
            throw new MalformedPolicyException(SYNTAX);
        }
        JsonNode effect = statement.get("Effect");
        if (effect == null || !effect.isTextual() || !(effect.asText().equalsIgnoreCase("Allow")
                || effect.asText().equalsIgnoreCase("Deny"))) {
            throw new MalformedPolicyException(SYNTAX);
        }
        for (String name : List.of("Action", "NotAction", "Resource", "NotResource")) {
            strings(statement.get(name));
        }
        requirePrincipalShape(statement.has("Principal") ? statement.get("Principal") : statement.get("NotPrincipal"));
        requireConditionShape(statement.get("Condition"));
    }

    private static void requirePrincipalShape(JsonNode principal) {
        if (principal == null || principal.isTextual() && principal.asText().equals("*")) {
            return;
        }
        if (!principal.isObject() || principal.isEmpty()) {
            throw new MalformedPolicyException(SYNTAX);
        }
        for (Iterator<Map.Entry<String, JsonNode>> types = principal.fields(); types.hasNext(); ) {
            Map.Entry<String, JsonNode> type = types.next();
            if (!PRINCIPAL_TYPES.contains(type.getKey())) {
                throw new MalformedPolicyException(SYNTAX);
            }
            strings(type.getValue());
        }
    }

    private static void requireConditionShape(JsonNode condition) {
        if (condition == null) {
            return;
        }
        if (!condition.isObject()) {
            throw new MalformedPolicyException(SYNTAX);
        }
        for (Iterator<Map.Entry<String, JsonNode>> operators = condition.fields(); operators.hasNext(); ) {
            Map.Entry<String, JsonNode> operator = operators.next();
            if (!operator.getValue().isObject()
                    || ConditionParts.of(operator.getKey()) == null && !operator.getValue().isEmpty()) {
                throw new MalformedPolicyException(SYNTAX);
            }
            for (JsonNode values : operator.getValue()) {
                conditionValues(values);
            }
        }
    }

    /** The values of a condition key: a string, number or boolean, or an array of them. */
    private static List<String> conditionValues(JsonNode node) {
        List<String> values = new ArrayList<>();
        if (node.isValueNode() && !node.isNull()) {
            values.add(node.asText());
        } else if (node.isArray()) {
            for (JsonNode value : node) {
                if (!value.isValueNode() || value.isNull()) {
                    throw new MalformedPolicyException(SYNTAX);
                }
                values.add(value.asText());
            }
        } else {
            throw new MalformedPolicyException(SYNTAX);
        }
        return values;
    }

    /** A string or an array of strings; {@code null} gives no strings. */
    private static List<String> strings(JsonNode node) {
        List<String> values = new ArrayList<>();
        if (node == null) {
            return values;
        }
        if (node.isTextual()) {
            values.add(node.asText());
            return values;
        }
        if (!node.isArray()) {
            throw new MalformedPolicyException(SYNTAX);
        }
        for (JsonNode value : node) {
            if (!value.isTextual()) {
                throw new MalformedPolicyException(SYNTAX);
            }
            values.add(value.asText());
        }
        return values;
    }

    private static List<String> strings(JsonNode statement, String element, String notElement) {
        return strings(statement.has(element) ? statement.get(element) : statement.get(notElement));
    }

    private static void requireKnownEffect(JsonNode statement) {
        String effect = statement.get("Effect").asText();
        if (!effect.equals("Allow") && !effect.equals("Deny")) {
            throw new MalformedPolicyException(PolicyValues.LEGACY_PARSING);
        }
    }

    private static void requireAllowedElements(JsonNode statement, PolicyKind kind) {
        for (String principal : List.of("Principal", "NotPrincipal")) {
            if (kind == PolicyKind.IDENTITY && statement.has(principal)) {
                throw new MalformedPolicyException("Has prohibited field " + principal);
            }
        }
        if (kind != PolicyKind.IDENTITY && !statement.has("Principal") && !statement.has("NotPrincipal")) {
            throw new MalformedPolicyException("Missing required field Principal");
        }
        if (kind == PolicyKind.TRUST) {
            for (String resource : List.of("Resource", "NotResource")) {
                if (statement.has(resource)) {
                    throw new MalformedPolicyException("Has prohibited field " + resource);
                }
            }
        }
    }

    /** ARNs that start well but have four or five parts, which IAM's legacy parser rejects. */
    private static void requireLegacyResource(String resource) {
        if (resource.startsWith("arn:") && PARTITIONS.contains(part(resource, 1))) {
            int parts = resource.split(":", -1).length;
            if (parts == 4 || parts == 5) {
                throw new MalformedPolicyException(PolicyValues.LEGACY_PARSING);
            }
        }
    }

    private static void requirePresent(JsonNode statement, PolicyKind kind) {
        if (strings(statement, "Action", "NotAction").isEmpty()) {
            throw new MalformedPolicyException("Policy statement must contain actions.");
        }
        if (kind == PolicyKind.IDENTITY && strings(statement, "Resource", "NotResource").isEmpty()) {
            throw new MalformedPolicyException("Policy statement must contain resources.");
        }
    }

    private static Statement statement(JsonNode statement, PolicyKind kind, String sid, Condition[] conditions,
            boolean variables) {
        List<String> actionValues = strings(statement, "Action", "NotAction");
        Wildcards[] actions = new Wildcards[actionValues.size()];
        for (int i = 0; i < actions.length; i++) {
            actions[i] = action(actionValues.get(i), kind);
        }
        ArnPattern[] resources = null;
        if (statement.has("Resource") || statement.has("NotResource")) {
            List<String> resourceValues = strings(statement, "Resource", "NotResource");
            resources = new ArnPattern[resourceValues.size()];
            for (int i = 0; i < resources.length; i++) {
                resources[i] = ArnPattern.compile(resource(resourceValues.get(i)), variables);
            }
        }
        boolean notPrincipal = statement.has("NotPrincipal");
        Principals principals = principals(statement.get(notPrincipal ? "NotPrincipal" : "Principal"));
        return new Statement(sid, statement.get("Effect").asText().equals("Deny") ? Effect.DENY : Effect.ALLOW,
                principals, notPrincipal, actions, statement.has("NotAction"), resources,
                statement.has("NotResource"), conditions);
    }

    private static Wildcards action(String action, PolicyKind kind) {
        if (!action.equals("*")) {
            int colon = action.indexOf(':');
            if (colon < 0) {
                throw new MalformedPolicyException(
                        "Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.");
            }
            if (action.indexOf(':', colon + 1) >= 0) {
                throw new MalformedPolicyException("Actions/Condition can contain only one colon.");
            }
            String vendor = action.substring(0, colon);
            if (vendor.isEmpty() || !vendor.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '-'
                    || c == '*' || c == '?')) {
                throw new MalformedPolicyException("Vendor " + vendor + " is not valid");
            }
        }
        if (kind == PolicyKind.TRUST && !action.equals("*") && !action.regionMatches(true, 0, "sts:", 0, 4)) {
            throw new MalformedPolicyException("AssumeRole policy may only specify STS AssumeRole actions.");
        }
        return Wildcards.compile(action, true, false, true);
    }

    private static String resource(String resource) {
        if (resource.equals("*")) {
            return resource;
        }
        String[] parts = resource.split(":", -1);
        if (parts.length < 2 || !parts[0].equals("arn")) {
            throw new MalformedPolicyException("Resource " + resource + " must be in ARN format or \"*\".");
        }
        if (!PARTITIONS.contains(parts[1])) {
            throw new MalformedPolicyException("Partition \"" + parts[1] + "\" is not valid for resource \""
                    + resource + "\".");
        }
        if (parts.length < 3) {
            throw new MalformedPolicyException("Resource vendor must be fully qualified and cannot contain regexes.");
        }
        return resource;
    }

    private static String part(String arn, int index) {
        String[] parts = arn.split(":", -1);
        return index < parts.length ? parts[index] : "";
    }

    private static Principals principals(JsonNode principal) {
        if (principal == null) {
            return null;
        }
        if (principal.isTextual()) {
            return new Principals(true, Set.of(), Set.of(), Set.of());
        }
        boolean everyone = false;
        Set<String> arns = new LinkedHashSet<>();
        for (String value : strings(principal.get("AWS"))) {
            if (value.equals("*")) {
                everyone = true;
            } else if (value.length() == 12 && value.chars().allMatch(Character::isDigit)) {
                arns.add("arn:aws:iam::" + value + ":root");
            } else if (value.startsWith("arn:")) {
                arns.add(value);
            } else {
                throw new MalformedPolicyException("Invalid principal in policy: \"AWS\":\"" + value + "\"");
            }
        }
        Set<String> others = new LinkedHashSet<>(strings(principal.get("Federated")));
        others.addAll(strings(principal.get("CanonicalUser")));
        return new Principals(everyone, Set.copyOf(arns), Set.copyOf(strings(principal.get("Service"))),
                Set.copyOf(others));
    }

    private static Condition[] conditions(JsonNode element, boolean variables) {
        if (element == null) {
            return new Condition[0];
        }
        List<Condition> conditions = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> operators = element.fields(); operators.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = operators.next();
            ConditionParts operator = ConditionParts.of(entry.getKey());
            if (operator == null) {
                continue; // IAM accepts an unknown operator with no keys, which tests nothing
            }
            for (Iterator<Map.Entry<String, JsonNode>> keys = entry.getValue().fields(); keys.hasNext(); ) {
                Map.Entry<String, JsonNode> key = keys.next();
                List<ValueTest> values = new ArrayList<>();
                for (String value : conditionValues(key.getValue())) {
                    values.add(operator.operator().compile(value, variables));
                }
                conditions.add(new Condition(operator.set(), operator.operator(), operator.ifExists(), key.getKey(),
                        values));
            }
        }
        return conditions.toArray(Condition[]::new);
    }
}
