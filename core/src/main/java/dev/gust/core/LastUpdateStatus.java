package dev.gust.core;

/** The {@code LastUpdateStatus} of a function: the outcome of the latest create or update. */
public enum LastUpdateStatus {
    Successful, Failed, InProgress
}
