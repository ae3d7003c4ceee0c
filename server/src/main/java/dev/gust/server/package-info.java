/** The composition root of Gust: the {@code gust} command, configuration, startup and shutdown. */
package dev.gust.server;
