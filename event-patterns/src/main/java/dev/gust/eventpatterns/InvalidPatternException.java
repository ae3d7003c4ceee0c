package dev.gust.eventpatterns;

/** A pattern that is not valid JSON or not a valid filter pattern; the message says what is wrong. */
public final class InvalidPatternException extends Exception {

    public InvalidPatternException(String message) {
        super(message);
    }
}
