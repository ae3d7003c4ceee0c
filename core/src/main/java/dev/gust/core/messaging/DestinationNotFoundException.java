package dev.gust.core.messaging;

/** The queue or topic a service sends to does not exist. */
public final class DestinationNotFoundException extends RuntimeException {

    private final String arn;

    public DestinationNotFoundException(String arn) {
        super("no such destination: " + arn);
        this.arn = arn;
    }

    /** The ARN that names no queue or topic. */
    public String arn() {
        return arn;
    }
}
