/**
 * Amazon SNS (API version 2010-03-31) on the edge: topics, subscriptions, publishing, and the durable fan-out of
 * each message to functions, queues and HTTP endpoints (see {@code docs/design/event-sources-sns.md}).
 */
package dev.gust.sns;
