package dev.gust.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AccountIdKeysTest {

    private final AccountIdKeys keys = new AccountIdKeys();

    @Test
    void aTwelveDigitKeyIdIsThatAccountsRootWithItsSignatureUnchecked() {
        var resolved = keys.resolve("111111111111", null).orElseThrow();

        assertThat(resolved.signatureUnchecked()).isTrue();
        assertThat(resolved.caller().arn()).isEqualTo("arn:aws:iam::111111111111:root");
        assertThat(resolved.caller().accountId()).isEqualTo("111111111111");
        assertThat(resolved.caller().isAccountRoot()).isTrue();
    }

    @Test
    void anyOtherKeyIdOrOneWithASessionTokenIsLeftToTheOtherResolvers() {
        assertThat(keys.resolve("11111111111", null)).isEmpty();
        assertThat(keys.resolve("1111111111111", null)).isEmpty();
        assertThat(keys.resolve("AKIAIOSFODNN7EXAMPLE", null)).isEmpty();
        assertThat(keys.resolve("111111111111", "a-session-token")).isEmpty();
    }
}
