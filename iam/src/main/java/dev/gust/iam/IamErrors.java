package dev.gust.iam;

import dev.gust.edge.EdgeException;

/** IAM's error types with their HTTP statuses and AWS's messages. Stateless. */
final class IamErrors {

    private IamErrors() {
    }

    static EdgeException noSuchEntity(String message) {
        return EdgeException.of("NoSuchEntity", 404, message);
    }

    static EdgeException alreadyExists(String message) {
        return EdgeException.of("EntityAlreadyExists", 409, message);
    }

    static EdgeException deleteConflict(String message) {
        return EdgeException.of("DeleteConflict", 409, message);
    }

    static EdgeException limitExceeded(String message) {
        return EdgeException.of("LimitExceeded", 409, message);
    }

    static EdgeException malformedPolicy(String message) {
        return EdgeException.of("MalformedPolicyDocument", 400, message);
    }

    static EdgeException invalidInput(String message) {
        return EdgeException.of("InvalidInput", 400, message);
    }

    static EdgeException validation(String message) {
        return EdgeException.of("ValidationError", 400, message);
    }

    static EdgeException noSuchUser(String name) {
        return noSuchEntity("The user with name " + name + " cannot be found.");
    }

    static EdgeException noSuchRole(String name) {
        return noSuchEntity("The role with name " + name + " cannot be found.");
    }

    static EdgeException noSuchPolicy(String arn) {
        return noSuchEntity("Policy " + arn + " does not exist or is not attachable.");
    }
}
