/** The pure domain of Gust: names, ARNs, function configuration and validation. No I/O. */
package dev.gust.core;
