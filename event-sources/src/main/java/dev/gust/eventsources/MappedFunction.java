package dev.gust.eventsources;

import java.util.Optional;

/**
 * The function a mapping invokes, read from the mapping's {@code FunctionArn}
 * ({@code arn:PARTITION:lambda:REGION:ACCOUNT:function:NAME[:QUALIFIER]}).
 *
 * @param name the function's bare name
 * @param qualifier its version or alias, or empty for {@code $LATEST}
 */
record MappedFunction(String name, Optional<String> qualifier) {

    /**
     * Reads {@code functionArn}; a bare name (with or without {@code :QUALIFIER}) is accepted too.
     */
    static MappedFunction parse(String functionArn) {
        String[] parts = functionArn.split(":");
        if (parts.length >= 7 && parts[0].equals("arn") && parts[5].equals("function")) {
            return new MappedFunction(parts[6], parts.length > 7 ? Optional.of(parts[7]) : Optional.empty());
        }
        if (parts.length == 2) {
            return new MappedFunction(parts[0], Optional.of(parts[1]));
        }
        return new MappedFunction(functionArn, Optional.empty());
    }
}
