package dev.gust.core;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The runtime identifiers Lambda knows: those it accepts for new functions and those it has retired.
 */
public final class Runtimes {

    /** Accepted ids, in the order AWS lists them in its validation message. */
    public static final List<String> ACCEPTED = List.of("nodejs20.x", "python3.14", "provided.al2023", "python3.12",
            "python3.13", "nodejs24.x", "nodejs22.x", "java25", "python3.10", "python3.11", "java21", "ruby3.3",
            "ruby3.4", "ruby3.2", "python3.8", "python3.9", "java17", "nodejs16.x", "dotnet10", "dotnet8", "java11",
            "dotnet6", "nodejs18.x", "provided.al2", "java8.al2");

    /**
     * Ids still in AWS's enum whose creation AWS blocks (its deprecation table, as of December 2026), each with the
     * runtime AWS's message recommends instead: the newest of its family.
     */
    public static final java.util.Map<String, String> BLOCKED = Map.ofEntries(
            Map.entry("python3.8", "python3.14"), Map.entry("python3.9", "python3.14"),
            Map.entry("nodejs16.x", "nodejs24.x"), Map.entry("nodejs18.x", "nodejs24.x"),
            Map.entry("java8.al2", "java25"), Map.entry("java11", "java25"),
            Map.entry("java17", "java25"), Map.entry("ruby3.2", "ruby3.4"),
            Map.entry("dotnet6", "dotnet10"));

    /** Retired ids: AWS refuses to create or update functions with them. */
    public static final Set<String> RETIRED = Set.of("java8", "go1.x", "provided", "ruby2.7", "ruby2.5", "nodejs14.x",
            "nodejs12.x", "nodejs10.x", "nodejs8.10", "nodejs6.10", "nodejs4.3", "nodejs", "python3.7", "python3.6",
            "python2.7", "dotnetcore3.1", "dotnetcore2.1", "dotnetcore2.0", "dotnetcore1.0", "dotnet7", "dotnet5.0");

    /** The ids a function may be created with: AWS's enum less the blocked ones, in the enum's order. */
    public static List<String> creatable() {
        return ACCEPTED.stream().filter(id -> !BLOCKED.containsKey(id)).toList();
    }

    private Runtimes() {
    }

    /**
     * Checks a runtime id as CreateFunction and UpdateFunctionConfiguration do.
     *
     * @throws LambdaException InvalidParameterValueException for a retired, blocked or unknown id
     */
    public static void requireAccepted(String runtime) {
        if (BLOCKED.containsKey(runtime)) {
            throw LambdaException.invalidParameterValue("The runtime parameter of " + runtime
                    + " is no longer supported for creating or updating AWS Lambda functions. We recommend you use the "
                    + "new runtime (" + BLOCKED.get(runtime) + ") while creating or updating functions.");
        }
        if (RETIRED.contains(runtime)) {
            throw LambdaException.invalidParameterValue("The runtime parameter of " + runtime
                    + " is no longer supported for creating or updating AWS Lambda functions. We recommend you use a "
                    + "supported runtime while creating or updating functions.");
        }
        if (!ACCEPTED.contains(runtime)) {
            throw LambdaException.invalidParameterValue("Value " + runtime + " at 'runtime' failed to satisfy "
                    + "constraint: Member must satisfy enum value set: [" + String.join(", ", ACCEPTED)
                    + "] or be a valid ARN");
        }
    }
}
