/**
 * Event source mappings' control plane: Create, Get, Update, Delete and ListEventSourceMapping(s) for SQS queues,
 * with Lambda's validation, errors and state machine ({@code EventSourceMappingService}, {@code MappingRules}), their
 * HTTP binding ({@code EventSourceMappingRoutes}), and the pollers' reports made durable ({@code MappingStates}; where
 * no poller runs, {@code SettleImmediately}). See {@code docs/design/event-sources-mappings.md}.
 */
package dev.gust.api.esm;
