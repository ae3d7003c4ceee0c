/** The AWS Lambda Runtime API 2018-06-01, served to each instance on its own endpoint. */
package dev.gust.runtimeapi;
