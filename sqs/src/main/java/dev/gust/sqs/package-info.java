/** Amazon SQS on the edge, on an embedded ElasticMQ: see {@code docs/design/event-sources.md}. */
package dev.gust.sqs;
