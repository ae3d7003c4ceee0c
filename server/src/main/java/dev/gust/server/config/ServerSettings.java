package dev.gust.server.config;

import java.nio.file.Path;

/**
 * The validated settings of one Gust server.
 *
 * @param host address the API listens on
 * @param port API port; 0 picks a free one
 * @param dataDir where metadata, code and credentials live
 * @param region the emulated AWS region
 * @param accountId the emulated twelve-digit account id
 * @param accessKeyId the API's access key id, or {@code null} to use the stored or generated one
 * @param secretAccessKey the API's secret key, or {@code null} likewise
 * @param sandbox {@code bubblewrap} (default) or {@code none}
 * @param concurrency the account's concurrent execution limit
 * @param keepAlive how long an idle instance is kept warm
 * @param python the python3 interpreter for python3.x functions
 * @param node the node interpreter for nodejs functions
 * @param javaHome the JDK for java21/java25 functions
 * @param async how asynchronous invocations are delivered
 * @param idleTimeout how long an API connection with no request in flight stays open
 * @param instanceMaxLifetime the longest an instance lives; its credentials last that long plus Lambda's longest
 *     timeout and a margin
 * @param functionCredentials the most the credentials inside functions may call on Gust's edge (a session policy over
 *     the execution role's own policies)
 * @param mode {@code dev} creates a function's missing execution role, {@code strict} refuses it
 * @param accountIdKeys whether any twelve-digit access key id acts as that account's root, unsigned (LocalStack's
 *     convention; lets anyone in)
 * @param logQuotaBytes how much of its own output one instance may write to its log stream ({@code log-quota});
 *     the rest is dropped, with one line saying so
 * @param ruby the ruby interpreter for ruby3.x functions
 * @param interpreters an interpreter per runtime id ({@code python3.12} to {@code /opt/python3.12/bin/python3}; a JDK
 *     home for java ids), chosen over the discovered and default ones
 * @param network {@code isolated} (default: a network namespace per instance) or {@code host} (instances share the
 *     host's network)
 * @param sqsEndpoints the queues that event source mappings poll elsewhere than at Gust's edge (a real AWS queue), with
 *     their credentials ({@code sqs-endpoints})
 */
public record ServerSettings(
        String host,
        int port,
        Path dataDir,
        String region,
        String accountId,
        String accessKeyId,
        String secretAccessKey,
        String sandbox,
        int concurrency,
        java.time.Duration keepAlive,
        String python,
        String node,
        Path javaHome,
        dev.gust.async.AsyncSettings async,
        java.time.Duration idleTimeout,
        java.time.Duration instanceMaxLifetime,
        dev.gust.edge.OperationKind functionCredentials,
        dev.gust.api.functions.ExecutionRoleCheck.Mode mode,
        boolean accountIdKeys,
        long logQuotaBytes,
        String ruby,
        java.util.Map<String, String> interpreters,
        String network,
        dev.gust.eventsources.SqsEndpoints sqsEndpoints) {
}
