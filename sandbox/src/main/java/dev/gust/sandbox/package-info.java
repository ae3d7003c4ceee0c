/** Isolated instances: process sandboxes and their resource limits. */
package dev.gust.sandbox;
