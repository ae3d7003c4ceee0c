package dev.gust.core;

/** The {@code State} of a function: Lambda's lifecycle of a function version, not of an instance. */
public enum FunctionState {
    Pending, Active, Inactive, Failed
}
