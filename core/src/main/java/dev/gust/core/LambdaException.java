package dev.gust.core;

import java.util.Objects;

/**
 * An error that the Lambda API reports to its caller, named and worded as AWS names and words it.
 *
 * <p>{@link #errorType()} becomes the {@code x-amzn-ErrorType} header and the {@code Type}-less error name
 * that SDKs map to an exception class; {@link #bodyStyle()} says which members the JSON error body carries,
 * because AWS is not uniform there (see {@link BodyStyle}). Immutable and thread-safe.
 */
public final class LambdaException extends RuntimeException {

    /** Which members an error body carries besides the error type, as recorded from real AWS. */
    public enum BodyStyle {
        /** {@code {"Type":"User","Message":"..."}}: ResourceNotFoundException, ServiceException. */
        CAPITAL_MESSAGE,
        /** {@code {"Type":"User","message":"..."}}: InvalidParameterValue, ResourceConflict, PreconditionFailed, TooManyRequests. */
        LOWER_MESSAGE,
        /** {@code {"message":"..."}}: the generic ValidationException and RequestEntityTooLargeException. */
        MESSAGE_ONLY
    }

    private final String errorType;
    private final int status;
    private final BodyStyle bodyStyle;
    private final String reason;

    private LambdaException(String errorType, int status, BodyStyle bodyStyle, String message, String reason) {
        super(Objects.requireNonNull(message), null, false, false);
        this.errorType = errorType;
        this.status = status;
        this.bodyStyle = bodyStyle;
        this.reason = reason;
    }

    public static LambdaException resourceNotFound(String message) {
        return new LambdaException("ResourceNotFoundException", 404, BodyStyle.CAPITAL_MESSAGE, message, null);
    }

    public static LambdaException functionNotFound(String functionArn) {
        return resourceNotFound("Function not found: " + functionArn);
    }

    public static LambdaException invalidParameterValue(String message) {
        return new LambdaException("InvalidParameterValueException", 400, BodyStyle.LOWER_MESSAGE, message, null);
    }

    /**
     * An InvalidParameterValueException whose body carries only {@code message}, as AWS words some concurrency
     * errors.
     */
    public static LambdaException invalidParameterValueUntyped(String message) {
        return new LambdaException("InvalidParameterValueException", 400, BodyStyle.MESSAGE_ONLY, message, null);
    }

    /** GetProvisionedConcurrencyConfig of a version or alias without a config. */
    public static LambdaException provisionedConcurrencyConfigNotFound() {
        return new LambdaException("ProvisionedConcurrencyConfigNotFoundException", 404, BodyStyle.LOWER_MESSAGE,
                "No Provisioned Concurrency Config found for this function", null);
    }

    public static LambdaException resourceConflict(String message) {
        return new LambdaException("ResourceConflictException", 409, BodyStyle.LOWER_MESSAGE, message, null);
    }

    /** A resource that is changing (an event source mapping between two states): {@code ResourceInUseException}. */
    public static LambdaException resourceInUse(String message) {
        return new LambdaException("ResourceInUseException", 400, BodyStyle.LOWER_MESSAGE, message, null);
    }

    public static LambdaException preconditionFailed(String message) {
        return new LambdaException("PreconditionFailedException", 412, BodyStyle.LOWER_MESSAGE, message, null);
    }

    public static LambdaException revisionIdMismatch() {
        return preconditionFailed("The Revision Id provided does not match the latest Revision Id. "
                + "Call the GetFunction/GetAlias API to retrieve the latest Revision Id");
    }

    /** AddPermission that would make a function's policy larger than AWS's limit ({@code limit} bytes). */
    public static LambdaException policyLengthExceeded(int size, int limit) {
        return new LambdaException("PolicyLengthExceededException", 400, BodyStyle.LOWER_MESSAGE,
                "The final policy size (" + size + ") is bigger than the limit (" + limit + ").", null);
    }

    public static LambdaException tooManyRequests(String message, String reason) {
        return new LambdaException("TooManyRequestsException", 429, BodyStyle.LOWER_MESSAGE, message, reason);
    }

    public static LambdaException requestTooLarge(String message) {
        return new LambdaException("RequestEntityTooLargeException", 413, BodyStyle.MESSAGE_ONLY, message, null);
    }

    /** The generic model-level validation error: {@code "1 validation error detected: ..."}. */
    public static LambdaException validation(String message) {
        return new LambdaException("ValidationException", 400, BodyStyle.MESSAGE_ONLY, message, null);
    }

    /** A request body that is not JSON: {@code InvalidRequestContentException}. */
    public static LambdaException invalidRequestContent(String message) {
        return new LambdaException("InvalidRequestContentException", 400, BodyStyle.LOWER_MESSAGE, message, null);
    }

    /** A state conflict such as an update while another is in progress: {@code ResourceConflictException}. */
    public static LambdaException updateInProgress(String functionArn) {
        return resourceConflict("The operation cannot be performed at this time. An update is in progress for resource: "
                + functionArn);
    }

    public static LambdaException service(String message) {
        return new LambdaException("ServiceException", 500, BodyStyle.CAPITAL_MESSAGE, message, null);
    }

    public String errorType() {
        return errorType;
    }

    public int status() {
        return status;
    }

    public BodyStyle bodyStyle() {
        return bodyStyle;
    }

    /** The {@code Reason} member of throttling errors, or {@code null}. */
    public String reason() {
        return reason;
    }
}
