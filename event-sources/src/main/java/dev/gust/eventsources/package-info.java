/** The pollers of Lambda's event source mappings. See {@code docs/design/event-sources.md}. */
package dev.gust.eventsources;
