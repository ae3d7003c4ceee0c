package dev.gust.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gust.server.LambdaModel.ModelOperation;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A seeded generator of signed, malformed Lambda requests over the API model: each picks an operation and then
 * bends it (wrong types, missing and extra members, odd content types, huge numbers, bad JSON, bad path parameters
 * and query strings, other methods). The same seed gives the same requests.
 */
final class LambdaRequestFuzzer {

    /** One generated request: what goes on the wire, and a line that describes it for a failure message. */
    record FuzzRequest(String description, byte[] wire) {
    }

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Pattern PATH_PARAMETER = Pattern.compile("\\{([A-Za-z]+)\\+?}");
    private static final List<String> METHODS = List.of("GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS");
    private static final List<String> CONTENT_TYPES = List.of("application/json", "application/json",
            "multipart/form-data; boundary=xyz", "application/x-www-form-urlencoded", "text/plain", "application/xml",
            "application/x-amz-json-1.1", "garbage/", "");
    private static final List<String> STRINGS = List.of("", "existing", "fuzz-fn", "$LATEST", "1", "-1", "a".repeat(300),
            "arn:aws:lambda:us-east-1:000000000000:function:existing",
            "arn:aws:lambda:us-east-1:000000000000:function:existing:$LATEST",
            "arn:aws:lambda:eu-west-1:123456789012:function:x:y:z", "arn:aws:iam::000000000000:role/r", "..", "../..",
            "é€😀", "\u0000", "a b", "%", "%zz", "null", "99999999999999999999999", "python3.12", "nodejs20.x",
            "lambda_function.lambda_handler", "2015-03-31T00:00:00Z", "*", "{}", "<xml/>", "a".repeat(5000));
    private static final List<String> BAD_BODIES = List.of("{", "}", "[]", "null", "\"text\"", "12", "{\"a\":}",
            "{\"Timeout\":1e999999}", "{\"MemorySize\":123456789012345678901234567890}", "{\"Code\":{\"ZipFile\":\"!!\"}}",
            "[".repeat(5000), "{\"a\":".repeat(3000), "\u0000\u0001\u0002", "{\"Description\":\"\\ud800\"}",
            "{\"FunctionName\":\"existing\",\"FunctionName\":\"again\"}", "<xml/>", "a=b&c=d", "--xyz\r\n\r\n--xyz--");

    private final LambdaModel model;
    private final List<ModelOperation> operations;
    private final URI endpoint;
    private final Random random;
    private final ObjectMapper json = new ObjectMapper();

    LambdaRequestFuzzer(LambdaModel model, URI endpoint, long seed) {
        this.model = model;
        this.operations = model.operations();
        this.endpoint = endpoint;
        this.random = new Random(seed);
    }

    FuzzRequest next() {
        ModelOperation operation = operations.get(random.nextInt(operations.size()));
        JsonNode input = operation.input() == null ? NODES.objectNode() : model.shape(operation.input());
        String method = random.nextInt(8) == 0 ? pick(METHODS) : operation.method();
        String[] uri = operation.requestUri().split("\\?", 2);
        StringBuilder path = new StringBuilder();
        StringBuilder signedPath = new StringBuilder();
        Matcher parameter = PATH_PARAMETER.matcher(uri[0]);
        int at = 0;
        while (parameter.find()) {
            path.append(uri[0], at, parameter.start());
            signedPath.append(uri[0], at, parameter.start());
            String value = random.nextInt(6) == 0 ? rawJunk() : RawHttp.encode(pick(STRINGS));
            path.append(value);
            signedPath.append(value.replaceAll("%(?![0-9A-Fa-f]{2})", "%25"));
            at = parameter.end();
        }
        path.append(uri[0].substring(at));
        signedPath.append(uri[0].substring(at));
        StringBuilder query = new StringBuilder(uri.length > 1 ? uri[1] : "");
        Map<String, String> headers = new LinkedHashMap<>();
        ObjectNode body = NODES.objectNode();
        input.path("members").properties().forEach(member -> {
            if (random.nextInt(3) == 0) {
                return; // missing
            }
            JsonNode binding = member.getValue();
            String location = binding.path("location").asText("");
            String wireName = binding.path("locationName").asText(member.getKey());
            JsonNode value = value(model.shape(binding.path("shape").asText()), 0);
            switch (location) {
                case "querystring" -> append(query, wireName, value.isValueNode() ? value.asText() : value.toString());
                case "header" -> headers.put(wireName, printable(value.isValueNode() ? value.asText() : value.toString()));
                case "uri" -> { }
                default -> body.set(wireName, value);
            }
        });
        if (random.nextInt(4) == 0) {
            body.set(pick(List.of("Extra", "functionName", "", "Code", "__proto__")), value(NODES.objectNode(), 0));
            append(query, pick(List.of("Extra", "Qualifier", "Marker", "MaxItems", "")), pick(STRINGS));
        }
        if (random.nextInt(10) == 0) {
            query.append(pick(List.of("&", "&&=", "=%", "a=%zz", "%=x", "a=1&a=2", "MaxItems=-5", "MaxItems=1e9")));
        }
        String contentType = pick(CONTENT_TYPES);
        if (!contentType.isEmpty()) {
            headers.put("Content-Type", contentType);
        }
        byte[] bytes = random.nextInt(5) == 0 ? pick(BAD_BODIES).getBytes(StandardCharsets.UTF_8)
                : body.isEmpty() && random.nextBoolean() ? new byte[0] : body.toString().getBytes(StandardCharsets.UTF_8);
        String target = path + (query.isEmpty() ? "" : "?" + query);
        String signedTarget = signedPath + (query.isEmpty() ? "" : "?" + sanitizedQuery(query.toString()));
        String description = operation.name() + ": " + method + " " + target + " (" + contentType + ") "
                + new String(bytes, 0, Math.min(bytes.length, 200), StandardCharsets.UTF_8);
        return new FuzzRequest(description, RawHttp.signed(endpoint, method, target, signedTarget, headers, bytes));
    }

    /** A path segment no client would send: bad percent-encoding, encoded slashes and dots, control characters. */
    private String rawJunk() {
        return pick(List.of("%", "%zz", "%2F..%2F..", "%00", "%C0%AE%C0%AE", "a%2Fb", "%E2%82", "%25", "%20",
                "..%2f", "%FF%FE"));
    }

    private JsonNode value(JsonNode shape, int depth) {
        if (random.nextInt(7) == 0 || depth > 3) {
            return wrongType();
        }
        return switch (shape.path("type").asText("structure")) {
            case "string" -> shape.has("enum") && random.nextBoolean()
                    ? shape.path("enum").get(random.nextInt(shape.path("enum").size())) : NODES.textNode(pick(STRINGS));
            case "integer", "long" -> pick(List.of(NODES.numberNode(0), NODES.numberNode(-1), NODES.numberNode(1),
                    NODES.numberNode(128), NODES.numberNode(900), NODES.numberNode(2147483648L),
                    NODES.numberNode(Long.MAX_VALUE), NODES.numberNode(new java.math.BigInteger("9".repeat(40))),
                    NODES.numberNode(1.5)));
            case "boolean" -> NODES.booleanNode(random.nextBoolean());
            case "blob" -> NODES.textNode(random.nextBoolean() ? "not base64!"
                    : Base64.getEncoder().encodeToString(TestZips.pythonHandler("1")));
            case "timestamp" -> random.nextBoolean() ? NODES.numberNode(-1) : NODES.textNode("yesterday");
            case "list" -> {
                ArrayNode list = NODES.arrayNode();
                for (int i = random.nextInt(4); i > 0; i--) {
                    list.add(value(model.shape(shape.path("member").path("shape").asText()), depth + 1));
                }
                yield list;
            }
            case "map" -> {
                ObjectNode map = NODES.objectNode();
                for (int i = random.nextInt(4); i > 0; i--) {
                    map.set(pick(STRINGS), value(model.shape(shape.path("value").path("shape").asText()), depth + 1));
                }
                yield map;
            }
            default -> {
                ObjectNode structure = NODES.objectNode();
                shape.path("members").properties().forEach(member -> {
                    if (random.nextBoolean()) {
                        structure.set(member.getKey(), value(model.shape(member.getValue().path("shape").asText()),
                                depth + 1));
                    }
                });
                yield structure;
            }
        };
    }

    private JsonNode wrongType() {
        return switch (random.nextInt(8)) {
            case 0 -> NODES.textNode(pick(STRINGS));
            case 1 -> NODES.numberNode(random.nextInt());
            case 2 -> NODES.booleanNode(true);
            case 3 -> NODES.arrayNode().add("x");
            case 4 -> NODES.objectNode().put("x", 1);
            case 5 -> NODES.nullNode();
            case 6 -> NODES.numberNode(1e308);
            default -> NODES.numberNode(new java.math.BigDecimal("-1e400"));
        };
    }

    private static void append(StringBuilder query, String name, String value) {
        if (!query.isEmpty()) {
            query.append('&');
        }
        query.append(RawHttp.encode(name)).append('=').append(RawHttp.encode(value));
    }

    /** {@code query} with stray {@code %} encoded, so that it parses as a URI for the signer. */
    private static String sanitizedQuery(String query) {
        return query.replaceAll("%(?![0-9A-Fa-f]{2})", "%25");
    }

    /** Header values must stay on one line: control characters become {@code ?}. */
    private static String printable(String value) {
        return value.replaceAll("[\\x00-\\x1f\\x7f]", "?");
    }

    private <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }
}
