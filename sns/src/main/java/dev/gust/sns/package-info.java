/** Amazon SNS on the edge: topics, subscriptions, durable fan-out. See {@code docs/design/event-sources.md}. */
package dev.gust.sns;
