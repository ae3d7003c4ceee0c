package dev.gust.sns;

import dev.gust.edge.EdgeException;

/** The errors SNS answers, with AWS's codes, statuses and messages (the SNS API model's error shapes). Stateless. */
final class SnsErrors {

    private SnsErrors() {
    }

    /** {@code InvalidParameter} (400): {@code Invalid parameter: DETAIL}. */
    static EdgeException invalidParameter(String detail) {
        return EdgeException.of("InvalidParameter", 400, "Invalid parameter: " + detail);
    }

    /** {@code ParameterValueInvalid} (400), with {@code message} as it is. */
    static EdgeException invalidParameterValue(String message) {
        return EdgeException.of("ParameterValueInvalid", 400, message);
    }

    /** {@code NotFound} (404): {@code Topic does not exist}. */
    static EdgeException topicNotFound() {
        return EdgeException.of("NotFound", 404, "Topic does not exist");
    }

    /** {@code NotFound} (404): {@code Subscription does not exist}. */
    static EdgeException subscriptionNotFound() {
        return EdgeException.of("NotFound", 404, "Subscription does not exist");
    }

    /** {@code ResourceNotFound} (404) of the tagging operations. */
    static EdgeException resourceNotFound() {
        return EdgeException.of("ResourceNotFound", 404, "Resource does not exist");
    }

    /** {@code AuthorizationError} (403): a topic of another account, which needs its policy. */
    static EdgeException authorization(String message) {
        return EdgeException.of("AuthorizationError", 403, message);
    }

    /** A batch error of {@code PublishBatch}: {@code code} (400) with its message. */
    static EdgeException batch(String code, String message) {
        return EdgeException.of(code, 400, message);
    }
}
