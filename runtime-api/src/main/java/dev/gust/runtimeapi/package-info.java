/**
 * The AWS Lambda Runtime API 2018-06-01, served to each instance on its own endpoint.
 *
 * <p>{@link dev.gust.runtimeapi.RuntimeApiEndpoints} opens one {@link dev.gust.runtimeapi.RuntimeApiEndpoint} per
 * instance; the endpoint turns the runtime's requests into {@link dev.gust.runtimeapi.InstanceListener} events and
 * delivers the {@link dev.gust.runtimeapi.Invocation}s its owner offers. What it answers, and where the wording
 * comes from (the Runtime API reference and OpenAPI file for the codes, the Lambda runtime interface emulator's
 * {@code rapi} handlers for the bodies, recorded AWS responses for the size limit):
 *
 * <table>
 *   <caption>Runtime API answers</caption>
 *   <tr><th>status</th><th>when</th><th>body</th></tr>
 *   <tr><td>200</td><td>{@code GET /next} gets an invocation</td><td>the payload, with the
 *       {@code Lambda-Runtime-*} headers</td></tr>
 *   <tr><td>202</td><td>an accepted {@code /response}, {@code /error} or {@code /init/error}</td>
 *       <td>{@code {"status":"OK"}}</td></tr>
 *   <tr><td>400</td><td>a request id not in flight on this endpoint</td>
 *       <td>{@code {"errorMessage":"Invalid request ID","errorType":"InvalidRequestID"}}</td></tr>
 *   <tr><td>403</td><td>a transition the runtime's state does not allow</td>
 *       <td>{@code {"errorMessage":"State transition from <state> to <transition> failed for runtime. Error: State
 *       transition is not allowed","errorType":"InvalidStateTransition"}}</td></tr>
 *   <tr><td>404</td><td>an unknown path</td><td>{@code 404 page not found}</td></tr>
 *   <tr><td>405</td><td>a known path with the wrong method</td><td>none</td></tr>
 *   <tr><td>413</td><td>an answer over 6291556 bytes</td><td>{@code {"errorMessage":"Exceeded maximum allowed
 *       payload size (6291556 bytes).","errorType":"RequestEntityTooLarge"}}</td></tr>
 *   <tr><td>500</td><td>any request after {@code /init/error}: the runtime must exit</td>
 *       <td>{@code {"errorMessage":"Internal Server Error","errorType":"InternalServerError"}}</td></tr>
 * </table>
 */
package dev.gust.runtimeapi;
