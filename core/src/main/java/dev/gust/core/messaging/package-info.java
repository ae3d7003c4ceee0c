/**
 * The seams through which one service hands a message to another, as AWS's services do among themselves: SNS and
 * Lambda's destinations send to SQS queues ({@link dev.gust.core.messaging.QueueMessages}), Lambda's destinations
 * publish to SNS topics ({@link dev.gust.core.messaging.TopicPublisher}). Pure: no I/O.
 */
package dev.gust.core.messaging;
