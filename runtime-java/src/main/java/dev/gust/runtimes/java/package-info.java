/** The java21 and java25 runtimes, run by the official AWS Lambda Java runtime interface client. */
package dev.gust.runtimes.java;
