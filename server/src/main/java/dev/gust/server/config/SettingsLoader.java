package dev.gust.server.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.gust.api.functions.ExecutionRoleCheck;
import dev.gust.async.AsyncSettings;
import dev.gust.edge.OperationKind;
import dev.gust.edge.auth.Regions;
import dev.gust.eventsources.SqsEndpoints;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Builds {@link ServerSettings} from, in increasing precedence: defaults, a YAML config file, {@code GUST_*}
 * environment variables and command-line options. Keys are kebab-case ({@code data-dir}); the environment
 * form is upper snake case with a {@code GUST_} prefix ({@code GUST_DATA_DIR}). Every unknown key and invalid
 * value is collected and reported together. Stateless.
 */
public final class SettingsLoader {

    /** Every known key with its default ({@code null}: no default). */
    static final Map<String, String> DEFAULTS = defaults();
    /** Environment variables that are not settings. */
    private static final List<String> META_VARIABLES = List.of("GUST_CONFIG", "GUST_HOME", "GUST_JAVA_OPTS");
    /** An instance's credentials last 20 minutes longer than it does, and AWS's role sessions at most 12 hours. */
    private static final java.time.Duration MAX_INSTANCE_LIFETIME = java.time.Duration.ofHours(11);

    private SettingsLoader() {
    }

    private static Map<String, String> defaults() {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("host", "127.0.0.1");
        d.put("port", "9070");
        d.put("data-dir", Path.of(System.getProperty("user.home"), ".gust").toString());
        d.put("region", "us-east-1");
        d.put("account-id", "000000000000");
        d.put("access-key-id", null);
        d.put("secret-access-key", null);
        d.put("sandbox", "bubblewrap");
        d.put("network", "isolated");
        d.put("concurrency", "1000");
        d.put("keep-alive", "5m");
        d.put("idle-timeout", "60s");
        d.put("instance-max-lifetime", "2h");
        d.put("log-quota", "64MB");
        d.put("function-credentials", "full");
        d.put("mode", "dev");
        d.put("account-id-keys", "false");
        d.put("async-concurrency", "32");
        d.put("async-retry-delays", "1m,2m");
        d.put("async-backoff", "1s,5m");
        d.put("python", "/usr/bin/python3");
        d.put("node", "/usr/bin/node");
        d.put("java-home", System.getProperty("java.home"));
        d.put("ruby", "/usr/bin/ruby");
        d.put("interpreters", "");
        d.put("sqs-endpoints", "");
        return d;
    }

    /**
     * Loads the settings.
     *
     * @param configFile a YAML file or {@code null}
     * @param environment the process environment
     * @param options command-line values by key (only those given)
     * @throws SettingsException listing every problem
     */
    public static ServerSettings load(Path configFile, Map<String, String> environment, Map<String, String> options) {
        List<String> problems = new ArrayList<>();
        Map<String, String> values = new LinkedHashMap<>(DEFAULTS);
        if (configFile != null) {
            readFile(configFile, problems).forEach((key, value) -> put(values, key, value, "in " + configFile, problems));
        }
        environment.forEach((name, value) -> {
            if (name.startsWith("GUST_") && !META_VARIABLES.contains(name)) {
                String key = name.substring(5).toLowerCase(Locale.ROOT).replace('_', '-');
                put(values, key, value, "environment variable " + name, problems);
            }
        });
        options.forEach((key, value) -> put(values, key, value, "option --" + key, problems));
        ServerSettings settings = validate(values, problems);
        if (!problems.isEmpty()) {
            throw new SettingsException(problems);
        }
        return settings;
    }

    private static void put(Map<String, String> values, String key, String value, String source, List<String> problems) {
        if (!DEFAULTS.containsKey(key)) {
            problems.add("unknown setting '" + key + "' (" + source + "); did you mean '" + closest(key) + "'?");
            return;
        }
        values.put(key, value);
    }

    private static Map<String, String> readFile(Path file, List<String> problems) {
        Map<String, String> values = new LinkedHashMap<>();
        if (!Files.isRegularFile(file)) {
            problems.add("config file " + file + " does not exist");
            return values;
        }
        try {
            JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
            if (root == null || root.isMissingNode() || root.isNull()) {
                return values;
            }
            if (!root.isObject()) {
                problems.add("config file " + file + " must be a YAML mapping of setting: value");
                return values;
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                if (field.getValue().isContainerNode()) {
                    problems.add("setting '" + field.getKey() + "' in " + file + " must be a single value");
                } else {
                    values.put(field.getKey(), field.getValue().asText());
                }
            }
        } catch (IOException e) {
            problems.add("config file " + file + " is not valid YAML: " + e.getMessage().lines().findFirst().orElse(""));
        }
        return values;
    }

    private static ServerSettings validate(Map<String, String> v, List<String> problems) {
        int port = integer(v, "port", 0, 65535, problems);
        int concurrency = integer(v, "concurrency", 1, 100_000, problems);
        String region = v.get("region");
        if (!Regions.exists(region)) { // requests may act only in these, so the default must be one of them
            problems.add("region '" + region + "' is not an AWS region name such as us-east-1");
        }
        String accountId = v.get("account-id");
        if (!accountId.matches("\\d{12}")) {
            problems.add("account-id '" + accountId + "' must be exactly twelve digits, such as 000000000000");
        }
        String sandbox = v.get("sandbox");
        if (!sandbox.equals("bubblewrap") && !sandbox.equals("none")) {
            problems.add("sandbox '" + sandbox + "' must be 'bubblewrap' or 'none'");
        }
        String network = v.get("network");
        if (!network.equals("isolated") && !network.equals("host")) {
            problems.add("network '" + network + "' must be 'isolated' or 'host'");
        }
        String accessKey = blankToNull(v.get("access-key-id"));
        String secretKey = blankToNull(v.get("secret-access-key"));
        if ((accessKey == null) != (secretKey == null)) {
            problems.add("access-key-id and secret-access-key must be set together (GUST_ACCESS_KEY_ID and "
                    + "GUST_SECRET_ACCESS_KEY), or neither to use the generated key pair");
        }
        if (accessKey != null && !accessKey.matches("[A-Z0-9]{16,128}")) {
            problems.add("access-key-id must be 16 to 128 upper-case letters and digits, like AKIAIOSFODNN7EXAMPLE");
        }
        if (secretKey != null && secretKey.length() < 16) {
            problems.add("secret-access-key must be at least 16 characters long");
        }
        String host = v.get("host");
        if (host.isBlank()) {
            problems.add("host must not be empty; use 127.0.0.1 to listen on loopback only");
        }
        java.time.Duration keepAlive = duration(v.get("keep-alive"), "keep-alive", problems);
        java.time.Duration idleTimeout = duration(v.get("idle-timeout"), "idle-timeout", problems);
        if (idleTimeout.toMillis() < 100) {
            problems.add("idle-timeout must be at least 100ms, got '" + v.get("idle-timeout") + "'");
        }
        java.time.Duration maxLifetime = duration(v.get("instance-max-lifetime"), "instance-max-lifetime", problems);
        if (maxLifetime.compareTo(java.time.Duration.ofMinutes(1)) < 0
                || maxLifetime.compareTo(MAX_INSTANCE_LIFETIME) > 0) {
            problems.add("instance-max-lifetime must be between 1m and 11h (its credentials last 20 minutes longer, "
                    + "and AWS's role sessions last at most 12h), got '" + v.get("instance-max-lifetime") + "'");
        }
        long logQuota = bytes(v.get("log-quota"), "log-quota", problems);
        if (logQuota < 1024) {
            problems.add("log-quota must be at least 1KB, got '" + v.get("log-quota") + "'");
        }
        AsyncSettings async = async(v, problems);
        return new ServerSettings(host, port, Path.of(v.get("data-dir").replaceFirst("^~",
                System.getProperty("user.home"))).toAbsolutePath(), region, accountId, accessKey, secretKey, sandbox,
                concurrency, keepAlive, v.get("python"), v.get("node"), Path.of(v.get("java-home")), async,
                idleTimeout, maxLifetime, functionCredentials(v.get("function-credentials"), problems),
                mode(v.get("mode"), problems), flag(v, "account-id-keys", problems), logQuota, v.get("ruby"),
                interpreters(v.get("interpreters"), problems), network, sqsEndpoints(v.get("sqs-endpoints"), problems));
    }

    /** Where queues that are not Gust's own live, for event source mappings (docs/design/event-sources-poller.md). */
    private static SqsEndpoints sqsEndpoints(String value, List<String> problems) {
        try {
            return SqsEndpoints.parse(value);
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
            return SqsEndpoints.none();
        }
    }

    /** {@code python3.12=/opt/python3.12/bin/python3,java21=/usr/lib/jvm/jdk-21}: an interpreter per runtime id. */
    private static Map<String, String> interpreters(String value, List<String> problems) {
        Map<String, String> perId = new LinkedHashMap<>();
        for (String pair : value.split(",")) {
            if (pair.isBlank()) {
                continue;
            }
            String[] parts = pair.split("=", 2);
            if (parts.length != 2 || !dev.gust.core.Runtimes.creatable().contains(parts[0].trim())
                    || !parts[1].trim().startsWith("/")) {
                problems.add("interpreters must be runtime-id=/absolute/path pairs separated by commas (runtime ids: "
                        + String.join(", ", dev.gust.core.Runtimes.creatable()) + "), got '" + pair.trim() + "'");
                continue;
            }
            perId.put(parts[0].trim(), parts[1].trim());
        }
        return Map.copyOf(perId);
    }

    /** How Lambda treats a function's execution role that does not exist, by its setting's name. */
    private static ExecutionRoleCheck.Mode mode(String value, List<String> problems) {
        return switch (value.trim()) {
            case "dev" -> ExecutionRoleCheck.Mode.DEV;
            case "strict" -> ExecutionRoleCheck.Mode.STRICT;
            default -> {
                problems.add("mode must be 'dev' or 'strict', got '" + value + "'");
                yield ExecutionRoleCheck.Mode.DEV;
            }
        };
    }

    private static boolean flag(Map<String, String> v, String key, List<String> problems) {
        String value = v.get(key).trim();
        if (!value.equals("true") && !value.equals("false")) {
            problems.add(key + " must be 'true' or 'false', got '" + value + "'");
        }
        return value.equals("true");
    }

    /** The grant of the credentials inside functions, by its setting's name. */
    private static OperationKind functionCredentials(String value, List<String> problems) {
        return switch (value.trim()) {
            case "none" -> OperationKind.IDENTITY;
            case "data-plane" -> OperationKind.DATA;
            case "read" -> OperationKind.READ;
            case "full" -> OperationKind.WRITE;
            default -> {
                problems.add("function-credentials must be 'none', 'data-plane', 'read' or 'full', got '" + value + "'");
                yield OperationKind.DATA;
            }
        };
    }

    private static AsyncSettings async(Map<String, String> v, List<String> problems) {
        int deliveries = integer(v, "async-concurrency", 1, 10_000, problems);
        List<java.time.Duration> delays = durations(v.get("async-retry-delays"), "async-retry-delays", problems);
        List<java.time.Duration> backoff = durations(v.get("async-backoff"), "async-backoff", problems);
        if (backoff.size() != 2) {
            problems.add("async-backoff must be two durations, the first and the longest wait, such as 1s,5m");
        }
        if (!problems.isEmpty()) {
            return AsyncSettings.DEFAULTS;
        }
        AsyncSettings defaults = AsyncSettings.DEFAULTS;
        return new AsyncSettings(deliveries, deliveries, delays, backoff.get(0), backoff.get(1),
                defaults.pollInterval(), defaults.lease());
    }

    private static List<java.time.Duration> durations(String value, String key, List<String> problems) {
        List<java.time.Duration> durations = new ArrayList<>();
        for (String each : value.split(",")) {
            durations.add(duration(each, key, problems));
        }
        return durations;
    }

    private static int integer(Map<String, String> v, String key, int min, int max, List<String> problems) {
        try {
            int value = Integer.parseInt(v.get(key).trim());
            if (value < min || value > max) {
                problems.add(key + " must be between " + min + " and " + max + ", got " + value);
            }
            return value;
        } catch (NumberFormatException e) {
            problems.add(key + " must be a whole number, got '" + v.get(key) + "'");
            return 0;
        }
    }

    /** Parses {@code 512KB}, {@code 64MB}, {@code 1GB} (binary units) or a number of bytes. */
    private static long bytes(String value, String key, List<String> problems) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d{1,12})(B|KB|MB|GB)?").matcher(value.trim());
        if (!m.matches()) {
            problems.add(key + " must be a size such as 512KB, 64MB or 1GB, got '" + value + "'");
            return 0;
        }
        long amount = Long.parseLong(m.group(1));
        return switch (m.group(2) == null ? "B" : m.group(2)) {
            case "KB" -> amount << 10;
            case "MB" -> amount << 20;
            case "GB" -> amount << 30;
            default -> amount;
        };
    }

    /** Parses {@code 90s}, {@code 5m}, {@code 1h} or a number of seconds. */
    private static java.time.Duration duration(String value, String key, List<String> problems) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+)(ms|s|m|h)?").matcher(value.trim());
        if (!m.matches()) {
            problems.add(key + " must be a duration such as 90s, 5m or 1h, got '" + value + "'");
            return java.time.Duration.ofMinutes(5);
        }
        long amount = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        return switch (unit) {
            case "ms" -> java.time.Duration.ofMillis(amount);
            case "m" -> java.time.Duration.ofMinutes(amount);
            case "h" -> java.time.Duration.ofHours(amount);
            default -> java.time.Duration.ofSeconds(amount);
        };
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static String closest(String key) {
        return DEFAULTS.keySet().stream().min(Comparator.comparingInt(k -> distance(k, key))).orElseThrow();
    }

    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
