package dev.gust.server;

import dev.gust.edge.Caller;
import dev.gust.edge.CredentialsResolver;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The opt-in local convenience (setting {@code account-id-keys}, off by default) that LocalStack offers: any
 * twelve-digit access key id, without a session token, is that account's root, whatever the secret, because the
 * signature is not checked. The account springs into being on first use: its namespaces and IAM state are created
 * as for any account; Organizations does not list it (it did not create it). Anyone who can reach the server may then
 * act as any account, so the startup banner says so. Immutable.
 */
final class AccountIdKeys implements CredentialsResolver {

    private static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");

    @Override
    public Optional<ResolvedCredentials> resolve(String accessKeyId, String sessionToken) {
        if (sessionToken != null || accessKeyId == null || !ACCOUNT_ID.matcher(accessKeyId).matches()) {
            return Optional.empty();
        }
        return Optional.of(ResolvedCredentials.unchecked(Caller.accountRoot(accessKeyId, accessKeyId)));
    }
}
