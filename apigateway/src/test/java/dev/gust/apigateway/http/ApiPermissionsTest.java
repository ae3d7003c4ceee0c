package dev.gust.apigateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gust.core.Account;
import dev.gust.core.invoke.InvokeAuthorization;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ApiPermissionsTest {

    private static final Account ACCOUNT = new Account("123456789012", "us-east-1");
    private static final InvokeAuthorization QUESTION = InvokeAuthorization.serviceInvoke("hello", Optional.empty(),
            ApiInvocation.PRINCIPAL, "arn:aws:execute-api:us-east-1:123456789012:abcdefghij/$default/$default",
            "123456789012");

    private final AtomicBoolean allowed = new AtomicBoolean();
    private final AtomicInteger asked = new AtomicInteger();
    private final AtomicLong now = new AtomicLong();
    private final ApiPermissions permissions = new ApiPermissions(account -> request -> {
        asked.incrementAndGet();
        return allowed.get();
    }, Runnable::run, now::get);

    private boolean allows() {
        return permissions.allows(ACCOUNT, QUESTION).toCompletableFuture().join();
    }

    @Test
    void remembersAYesForOneSecond() {
        allowed.set(true);
        assertThat(allows()).isTrue();
        allowed.set(false);

        now.set(999_000_000L);
        assertThat(allows()).as("remembered").isTrue();
        assertThat(asked).hasValue(1);

        now.set(1_000_000_001L);
        assertThat(allows()).as("asked again after a second").isFalse();
        assertThat(asked).hasValue(2);
    }

    @Test
    void neverRemembersANoSoThatAPermissionJustAddedIsSeenAtOnce() {
        assertThat(allows()).isFalse();
        allowed.set(true);

        assertThat(allows()).isTrue();
        assertThat(asked).hasValue(2);
    }
}
