/** Invocations as the engine sees them: what is asked, what comes back, and who runs them. */
package dev.gust.core.invoke;
