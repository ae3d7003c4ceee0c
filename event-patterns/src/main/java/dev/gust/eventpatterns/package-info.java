/**
 * AWS's filter-pattern language, on AWS's own {@code event-ruler}: {@link dev.gust.eventpatterns.EventPattern} (one
 * pattern, validated and compiled once) and {@link dev.gust.eventpatterns.EventPatterns} (any of several, as Lambda's
 * {@code FilterCriteria.Filters} combine). Used by event source mapping filters, SNS filter policies and EventBridge
 * rules. Pure: no I/O.
 */
package dev.gust.eventpatterns;
