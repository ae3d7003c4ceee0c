/**
 * The execution engine: finds or starts an isolated instance of a function version, delivers the invocation
 * through the instance's Runtime API endpoint, and answers as AWS would, with START/END/REPORT logs.
 */
package dev.gust.engine;
