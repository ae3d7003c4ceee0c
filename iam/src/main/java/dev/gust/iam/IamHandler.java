package dev.gust.iam;

/** Runs one IAM action and returns its XML response; throws an {@link dev.gust.edge.EdgeException} to refuse. */
@FunctionalInterface
interface IamHandler {

    String handle(IamRequest request);
}
