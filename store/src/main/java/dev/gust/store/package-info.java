/**
 * Durable state of Gust behind small interfaces: {@link dev.gust.store.FunctionStore} for metadata,
 * {@link dev.gust.store.CodeStore} for deployment packages, {@link dev.gust.store.EventQueue} for asynchronous
 * invocations waiting for delivery and {@link dev.gust.store.EventInvokeConfigStore} for their settings. The
 * embedded implementations use SQLite and the local file system; a PostgreSQL store implements the same
 * interfaces and passes the same contract tests.
 */
package dev.gust.store;
