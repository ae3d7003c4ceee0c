/**
 * Durable state of Gust behind small interfaces: {@link dev.gust.store.FunctionStore} for metadata and
 * {@link dev.gust.store.CodeStore} for deployment packages. The embedded implementations use SQLite and the
 * local file system; a PostgreSQL store implements the same interfaces and passes the same contract tests.
 */
package dev.gust.store;
