package dev.gust.core;

import java.util.concurrent.CompletionException;

/** Helpers for the failures of {@link java.util.concurrent.CompletionStage}s. */
public final class Completions {

    private Completions() {
    }

    /** The failure itself, without the {@link CompletionException} that dependent stages wrap it in. */
    public static Throwable cause(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }
}
