/** Gust's own bootstraps for Lambda's python3.x and nodejs runtimes, shipped as resources. */
package dev.gust.runtimes;
