package dev.gust.store;

/**
 * Where an asynchronous invocation's record goes after it succeeded or was given up, as Lambda's
 * {@code DestinationConfig}.
 *
 * @param onSuccess the ARN of the destination for successful invocations, or {@code null} for none
 * @param onFailure the ARN of the destination for discarded events, or {@code null} for none
 */
public record DestinationConfig(String onSuccess, String onFailure) {

    /** No destinations. */
    public static final DestinationConfig NONE = new DestinationConfig(null, null);
}
