/**
 * The java21 and java25 runtimes, run by the official AWS Lambda Java runtime interface client (RIC), unmodified.
 *
 * <p>{@link dev.gust.runtimes.java.RicDistribution} finds the RIC's jars on Gust's own classpath and installs them
 * once into a runtime directory that sandboxes mount read-only at {@code /var/runtime};
 * {@link dev.gust.runtimes.java.JavaRuntime} builds the command that starts one instance's JVM the way Lambda's Java
 * images start it.
 */
package dev.gust.runtimes.java;
