package dev.gust.api.functions;

import dev.gust.core.Account;
import dev.gust.core.FunctionConfiguration;
import dev.gust.core.FunctionReference;
import dev.gust.core.LambdaException;
import dev.gust.core.ValidationErrors;
import dev.gust.store.DestinationConfig;
import dev.gust.store.EventInvokeConfig;
import dev.gust.store.EventInvokeConfigPage;
import dev.gust.store.EventInvokeConfigStore;
import dev.gust.store.FunctionStore;
import dev.gust.store.VersionStore;
import java.time.InstantSource;
import java.util.regex.Pattern;

/**
 * The asynchronous invocation settings of functions ({@code *FunctionEventInvokeConfig}), with Lambda's
 * validation and errors. Thread-safe; calls block on storage, so run them on worker threads.
 *
 * <p>Destinations: Lambda functions, SQS queues and SNS topics, as AWS accepts them; an ARN of a service Lambda does
 * not deliver to is refused with AWS's message. EventBridge event buses and S3 buckets, which AWS accepts, are refused
 * with a message that says Gust cannot deliver there yet. Whether a queue or topic exists is not checked, as AWS does
 * not: a record that cannot be delivered is logged when the event ends.
 */
public final class EventInvokeConfigService {

    /** The model's pattern of a destination ARN (the empty string clears a destination). */
    private static final String DESTINATION_PATTERN = "$|kafka://([^.]([a-zA-Z0-9\\-_.]{0,248}))|arn:(aws[a-zA-Z0-9-]*)"
            + ":([a-zA-Z0-9\\-])+:((eusc-)?[a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-\\d{1})?:(\\d{12})?:(.*)";
    private static final Pattern DESTINATION = Pattern.compile(DESTINATION_PATTERN);

    private final Account account;
    private final FunctionStore functions;
    private final VersionStore versions;
    private final EventInvokeConfigStore configs;
    private final InstantSource clock;

    public EventInvokeConfigService(Account account, FunctionStore functions, VersionStore versions,
            EventInvokeConfigStore configs, InstantSource clock) {
        this.account = account;
        this.functions = functions;
        this.versions = versions;
        this.configs = configs;
        this.clock = clock;
    }

    Account account() {
        return account;
    }

    /** PutFunctionEventInvokeConfig: replaces the settings; what the request leaves out is unset. */
    EventInvokeConfig put(String functionName, String queryQualifier, WireTypes.EventInvokeConfigRequest request) {
        Target target = existingTarget(functionName, queryQualifier);
        DestinationConfig destinations = destinations(target, request, DestinationConfig.NONE);
        EventInvokeConfig config = new EventInvokeConfig(target.name(), target.qualifier(),
                request.maximumRetryAttempts(), request.maximumEventAgeInSeconds(), destinations, clock.instant());
        configs.put(config);
        return config;
    }

    /** UpdateFunctionEventInvokeConfig: changes what the request names and keeps the rest. */
    EventInvokeConfig update(String functionName, String queryQualifier, WireTypes.EventInvokeConfigRequest request) {
        Target target = existingTarget(functionName, queryQualifier);
        EventInvokeConfig current = configs.find(target.name(), target.qualifier())
                .orElseThrow(() -> noConfig(target));
        DestinationConfig destinations = destinations(target, request, current.destinationConfig());
        EventInvokeConfig config = new EventInvokeConfig(target.name(), target.qualifier(),
                request.maximumRetryAttempts() != null ? request.maximumRetryAttempts()
                        : current.maximumRetryAttempts(),
                request.maximumEventAgeInSeconds() != null ? request.maximumEventAgeInSeconds()
                        : current.maximumEventAgeInSeconds(),
                destinations, clock.instant());
        configs.put(config);
        return config;
    }

    /** GetFunctionEventInvokeConfig. */
    EventInvokeConfig get(String functionName, String queryQualifier) {
        Target target = target(functionName, queryQualifier);
        return configs.find(target.name(), target.qualifier()).orElseThrow(() -> noConfig(target));
    }

    /** DeleteFunctionEventInvokeConfig. */
    void delete(String functionName, String queryQualifier) {
        Target target = target(functionName, queryQualifier);
        if (!configs.delete(target.name(), target.qualifier())) {
            throw noConfig(target);
        }
    }

    /** ListFunctionEventInvokeConfigs: the function's settings for every qualifier, paged. */
    EventInvokeConfigPage list(String functionName, String marker, int maxItems) {
        FunctionReference reference = FunctionReference.parse(functionName, account);
        if (functions.find(reference.name()).isEmpty()) {
            throw LambdaException.functionNotFound(account.functionArn(reference.name()));
        }
        return configs.list(reference.name(), marker, maxItems);
    }

    /** The ARN the responses show: qualified, {@code $LATEST} included. */
    String functionArn(EventInvokeConfig config) {
        return account.functionArn(config.functionName(), config.qualifier());
    }

    private record Target(String name, String qualifier) {
    }

    private Target target(String functionName, String queryQualifier) {
        FunctionReference reference = FunctionReference.parse(functionName, account);
        return new Target(reference.name(),
                reference.effectiveQualifier(queryQualifier).orElse(FunctionConfiguration.LATEST));
    }

    /** The target, which must exist: the function, and its qualifier ({@code $LATEST}, a version or an alias). */
    private Target existingTarget(String functionName, String queryQualifier) {
        Target target = target(functionName, queryQualifier);
        String qualifier = target.qualifier();
        boolean exists = functions.find(target.name()).isPresent() && (qualifier.equals(FunctionConfiguration.LATEST)
                || (QualifierRules.isNumber(qualifier) ? versions.findVersion(target.name(), qualifier).isPresent()
                        : versions.findAlias(target.name(), qualifier).isPresent()));
        if (!exists) {
            throw LambdaException.functionNotFound(account.functionArn(target.name(), qualifier));
        }
        return target;
    }

    private LambdaException noConfig(Target target) {
        return LambdaException.resourceNotFound("The function " + account.functionArn(target.name(),
                target.qualifier()) + " doesn't have an EventInvokeConfig");
    }

    private DestinationConfig destinations(Target target, WireTypes.EventInvokeConfigRequest request,
            DestinationConfig current) {
        WireTypes.DestinationConfigRequest wanted = request.destinationConfig();
        String onSuccess = destination(wanted == null ? null : wanted.onSuccess(), current.onSuccess());
        String onFailure = destination(wanted == null ? null : wanted.onFailure(), current.onFailure());
        ValidationErrors errors = new ValidationErrors()
                .requireRange(request.maximumRetryAttempts(), "maximumRetryAttempts", 0, 2)
                .requireRange(request.maximumEventAgeInSeconds(), "maximumEventAgeInSeconds", 60, 21_600)
                .requireMaxLength(onSuccess, "destinationConfig.onSuccess.destination", 350)
                .requireMaxLength(onFailure, "destinationConfig.onFailure.destination", 350);
        requirePattern(errors, onSuccess, "destinationConfig.onSuccess.destination");
        requirePattern(errors, onFailure, "destinationConfig.onFailure.destination");
        errors.throwIfAny();
        if (wanted != null) {
            requireSupported(target, wanted);
        }
        return new DestinationConfig(onSuccess, onFailure);
    }

    /** A destination the request sets (the empty string clears it), or the current one. */
    private static String destination(WireTypes.DestinationTarget requested, String current) {
        if (requested == null) {
            return current;
        }
        return requested.destination() == null || requested.destination().isEmpty() ? null : requested.destination();
    }

    private static void requirePattern(ValidationErrors errors, String destination, String member) {
        if (destination != null && !DESTINATION.matcher(destination).matches()) {
            errors.add(destination, member, "Member must satisfy regular expression pattern: " + DESTINATION_PATTERN);
        }
    }

    /** Lambda's service rules for the destinations a request sets. */
    private void requireSupported(Target target, WireTypes.DestinationConfigRequest wanted) {
        String onSuccess = destination(wanted.onSuccess(), null);
        String onFailure = destination(wanted.onFailure(), null);
        for (String destination : new String[] {onSuccess, onFailure}) {
            if (destination == null) {
                continue;
            }
            ResourceArn arn = ResourceArn.parse(destination).orElse(null);
            String service = arn == null ? "" : arn.service();
            switch (service) {
                case "lambda" -> requireOtherFunction(target, destination);
                case "sqs", "sns" -> {
                    if (!arn.isQueueOrTopic()) {
                        throw invalidConfig(onSuccess, onFailure);
                    }
                }
                case "events" -> throw notYet("EventBridge event bus", destination);
                case "s3" -> {
                    if (destination.equals(onSuccess)) {
                        throw invalidConfig(onSuccess, onFailure); // AWS sends only failures to S3
                    }
                    throw notYet("S3 bucket", destination);
                }
                default -> throw invalidConfig(onSuccess, onFailure);
            }
        }
    }

    private void requireOtherFunction(Target target, String destination) {
        FunctionReference reference;
        try {
            reference = FunctionReference.parse(destination, account);
        } catch (LambdaException e) {
            throw LambdaException.invalidParameterValue("The destination " + destination + " is not a function ARN.");
        }
        if (reference.name().equals(target.name())) {
            throw LambdaException.invalidParameterValue("You can't specify the function as a destination for itself.");
        }
        // as AWS answers (put_destination_lambda_doesntexist); a function of another namespace is not looked up
        if (FunctionReference.namespaceOf(destination, account).equals(account)
                && functions.find(reference.name()).isEmpty()) {
            throw LambdaException.invalidParameterValue("The destination ARN " + destination + " is invalid.");
        }
    }

    /** AWS's refusal of a destination of a service it does not deliver to, naming the request's destinations. */
    private static LambdaException invalidConfig(String onSuccess, String onFailure) {
        return LambdaException.invalidParameterValue("The provided destination config DestinationConfig(onSuccess="
                + (onSuccess == null ? "null" : "OnSuccess(destination=" + onSuccess + ")") + ", onFailure="
                + (onFailure == null ? "null" : "OnFailure(destination=" + onFailure + ")") + ") is invalid.");
    }

    private LambdaException notYet(String kind, String destination) {
        return LambdaException.invalidParameterValue("Gust cannot deliver to " + kind + " destinations yet ("
                + destination + "); use a Lambda function (arn:aws:lambda:" + account.region() + ":"
                + account.accountId() + ":function:NAME), an SQS queue or an SNS topic as the destination.");
    }
}
