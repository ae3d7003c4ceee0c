package dev.gust.server.client;

/** An error a service answered a client command with: its code and message, as the AWS CLI prints them. */
final class ClientException extends RuntimeException {

    ClientException(String code, String message) {
        super(code + ": " + message);
    }
}
