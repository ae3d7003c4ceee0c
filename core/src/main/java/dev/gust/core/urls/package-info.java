/**
 * Function URLs' domain: {@code FunctionUrlConfig}, its CORS settings, and the seam through which the control plane
 * tells the data plane about changes. Pure: no I/O.
 */
package dev.gust.core.urls;
