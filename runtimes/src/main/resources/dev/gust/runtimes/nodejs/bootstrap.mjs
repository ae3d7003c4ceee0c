// Gust's bootstrap for Lambda's nodejs runtimes (Node.js 18 or later, core modules only).
//
// Runs one function instance: loads the handler named by _HANDLER ("file.export", CommonJS or ES module) from
// LAMBDA_TASK_ROOT, then pulls invocations from the Lambda Runtime API at AWS_LAMBDA_RUNTIME_API and answers them
// over one keep-alive connection until the process is stopped.
//
// Handlers, the context object, error payloads and log lines follow the AWS Lambda Node.js runtime interface
// client. Differences, on purpose:
// - context.callbackWaitsForEmptyEventLoop can be set but is ignored: a callback answers the invocation at once,
//   without waiting for the event loop to drain. A handler that neither returns a promise nor calls its callback
//   is answered with null (or, if async, fails) once the event loop has nothing left to do, as in Lambda.
// - awslambda.streamifyResponse and awslambda.HttpResponseStream exist, and a streaming handler's writes go to the
//   Runtime API as they happen (a chunked POST with Lambda-Runtime-Function-Response-Mode: streaming, errors in its
//   trailers), as AWS's runtime sends them; a handler whose promise settles without ending its stream has the stream
//   ended for it (AWS's runtime waits for the end, so such an invocation runs into its timeout there).
//   Not emulated: JSON log format, the X-Ray error cause header, TypeScript handlers.

import fs from 'node:fs';
import net from 'node:net';
import Module, { createRequire } from 'node:module';
import path from 'node:path';
import { Writable } from 'node:stream';
import { pathToFileURL } from 'node:url';
import util from 'node:util';

const RUNTIME_PATH = '/2018-06-01/runtime';
const ERROR_TYPE_HEADER = 'Lambda-Runtime-Function-Error-Type';
const ERROR_BODY_TRAILER = 'Lambda-Runtime-Function-Error-Body';
const require = createRequire(import.meta.url);

class RuntimeError extends Error {}
class ImportModuleError extends RuntimeError {}
class HandlerNotFound extends RuntimeError {}
class MalformedHandlerName extends RuntimeError {}
class UserCodeSyntaxError extends RuntimeError {}
class UnhandledPromiseRejection extends RuntimeError {
  constructor(reason, promise) {
    super(reason);
    this.reason = reason;
    this.promise = promise;
  }
}
class InvalidStreamingOperation extends RuntimeError {}
class NodeJsExit extends RuntimeError {
  constructor() {
    super('The Lambda runtime client detected an unexpected Node.js exit code. This is most commonly caused by a'
        + ' Promise that was never settled.');
  }
}
for (const type of [ImportModuleError, HandlerNotFound, MalformedHandlerName, UserCodeSyntaxError,
  UnhandledPromiseRejection, InvalidStreamingOperation, NodeJsExit]) {
  type.prototype.name = `Runtime.${type.name}`;
}

// ---- Runtime API client: one keep-alive socket ----

// A raw socket rather than node:http: the Runtime API needs only keep-alive HTTP/1.1 with Content-Length bodies,
// and node:http's client costs several times the CPU per request (measured: 350 us against 60 us per invoke with
// 32 instances on 2 cores), before its code is even optimized in each new instance.
function runtimeApi(address) {
  const separator = address.lastIndexOf(':');
  const host = address.substring(0, separator);
  const port = Number(address.substring(separator + 1));
  let socket = null;
  let chunks = []; // what arrived and is not consumed yet; joined only when needed
  let size = 0;
  let head = null; // the parsed head of the response being read
  let waiting = null;

  function fail(error) {
    const pending = waiting;
    waiting = null;
    if (pending) pending.reject(error);
  }

  function connect() {
    return new Promise((resolve, reject) => {
      const connection = net.connect({ host, port, noDelay: true });
      connection.once('error', reject);
      connection.once('connect', () => {
        connection.off('error', reject);
        // Only the current connection's end fails the pending request: a connection closed after
        // 'Connection: close' ends while the next request is already waiting on a new one.
        connection.on('error', (error) => {
          if (socket === connection) fail(error);
        });
        connection.on('close', () => {
          if (socket !== connection) return;
          socket = null;
          fail(new Error('the Runtime API closed the connection'));
        });
        connection.on('data', (chunk) => {
          chunks.push(chunk);
          size += chunk.length;
          readResponse();
        });
        socket = connection;
        chunks = [];
        size = 0;
        head = null;
        resolve();
      });
    });
  }

  function received() {
    if (chunks.length > 1) chunks = [Buffer.concat(chunks, size)];
    return chunks.length === 0 ? Buffer.alloc(0) : chunks[0];
  }

  function readResponse() {
    if (waiting === null) return;
    if (head === null) {
      const bytes = received();
      const end = bytes.indexOf('\r\n\r\n');
      if (end < 0) return;
      const lines = bytes.toString('latin1', 0, end).split('\r\n');
      const headers = {};
      for (let i = 1; i < lines.length; i++) {
        const colon = lines[i].indexOf(':');
        if (colon > 0) headers[lines[i].substring(0, colon).trim().toLowerCase()] = lines[i].substring(colon + 1).trim();
      }
      if (headers['transfer-encoding'] !== undefined) {
        fail(new Error(`the Runtime API sent a ${headers['transfer-encoding']} body: only Content-Length is expected`));
        return;
      }
      head = { status: Number(lines[0].split(' ')[1]), headers, start: end + 4,
        length: Number(headers['content-length'] || 0) };
    }
    // A body of megabytes arrives in many chunks: they are joined once, when all are there.
    if (size < head.start + head.length) return;
    const bytes = received();
    const body = bytes.subarray(head.start, head.start + head.length);
    const rest = bytes.subarray(head.start + head.length);
    chunks = rest.length === 0 ? [] : [rest];
    size = rest.length;
    const { status, headers } = head;
    head = null;
    const pending = waiting;
    waiting = null;
    // Idle, the socket must not keep the event loop alive (as node:http's agent unrefs its idle sockets): a
    // callback handler that never calls back is answered when the loop empties ('beforeExit').
    socket.unref();
    if ((headers.connection || '').toLowerCase() === 'close') {
      const closing = socket;
      socket = null; // the next request connects anew instead of writing to the closing socket
      closing.destroy();
    }
    pending.resolve({ status, headers, body });
  }

  async function request(method, requestPath, body, headers = {}) {
    if (socket === null) await connect();
    let head = `${method} ${requestPath} HTTP/1.1\r\nHost: ${address}\r\n`;
    for (const [name, value] of Object.entries(headers)) head += `${name}: ${value}\r\n`;
    if (body !== undefined) head += `Content-Length: ${body.length}\r\n`;
    head += '\r\n';
    socket.ref();
    return new Promise((resolve, reject) => {
      waiting = { resolve, reject };
      // one write per request: head and body in one packet
      socket.write(body === undefined ? head : Buffer.concat([Buffer.from(head, 'latin1'), body]));
    });
  }

  /**
   * A chunked POST whose body is written as it comes: its head goes out with the first chunk (or the end), each
   * write resolves once the socket takes more (back-pressure), and end() sends the trailers and resolves with the
   * answer.
   */
  function chunkedRequest(requestPath, headers) {
    let head = `POST ${requestPath} HTTP/1.1\r\nHost: ${address}\r\nTransfer-Encoding: chunked\r\n`;
    let answer = null;
    let ended = false;
    async function send(bytes) {
      if (answer === null) {
        if (socket === null) await connect();
        for (const [name, value] of Object.entries(headers)) head += `${name}: ${value}\r\n`;
        socket.ref();
        answer = new Promise((resolve, reject) => { waiting = { resolve, reject }; });
        answer.catch(() => {}); // a failure is reported by the write or the end that meets it
        bytes = Buffer.concat([Buffer.from(head + '\r\n', 'latin1'), bytes]);
      }
      const current = socket;
      if (current === null) throw new Error('the Runtime API closed the connection');
      if (!current.write(bytes)) {
        await new Promise((resolve, reject) => {
          const closed = () => reject(new Error('the Runtime API closed the connection'));
          current.once('close', closed);
          current.once('drain', () => { current.off('close', closed); resolve(); });
        });
      }
    }
    return {
      write(chunk) {
        if (chunk.length === 0) return Promise.resolve();
        return send(Buffer.concat([Buffer.from(`${chunk.length.toString(16)}\r\n`, 'latin1'), chunk,
          Buffer.from('\r\n', 'latin1')]));
      },
      async end(trailers = {}) {
        if (ended) return answer; // the body is complete: an error after it has nowhere to go
        ended = true;
        let last = '0\r\n';
        for (const [name, value] of Object.entries(trailers)) last += `${name}: ${value}\r\n`;
        await send(Buffer.from(last + '\r\n', 'latin1'));
        return answer;
      },
    };
  }

  async function post(requestPath, body, headers) {
    const payload = Buffer.from(body, 'utf8');
    const res = await request('POST', requestPath, payload, {
      'Content-Type': 'application/json', ...headers,
    });
    if (res.status >= 500) {
      throw new Error(`Runtime API answered POST ${requestPath} with ${res.status}: ${res.body}`);
    }
    if (res.status !== 202) {
      process.stderr.write(`Runtime API refused POST ${requestPath}: ${res.status} ${res.body}\n`);
    }
  }

  return {
    async next() {
      const res = await request('GET', `${RUNTIME_PATH}/invocation/next`);
      if (res.status !== 200) {
        throw new Error(`Runtime API answered GET /next with ${res.status}: ${res.body}`);
      }
      return res;
    },
    postResponse: (id, body, contentType = 'application/json') =>
      post(`${RUNTIME_PATH}/invocation/${encodeURIComponent(id)}/response`, body, { 'Content-Type': contentType }),
    postError: (id, error) => post(`${RUNTIME_PATH}/invocation/${encodeURIComponent(id)}/error`,
      JSON.stringify(toRapidResponse(error)), { [ERROR_TYPE_HEADER]: 'Unhandled' }),
    /** The streaming POST of one invocation's response; see chunkedRequest. */
    streamResponse: (id, headers) => chunkedRequest(`${RUNTIME_PATH}/invocation/${encodeURIComponent(id)}/response`,
      headers),
    postInitError(error) {
      const response = toRapidResponse(error);
      return post(`${RUNTIME_PATH}/init/error`, JSON.stringify(response), { [ERROR_TYPE_HEADER]: response.errorType });
    },
  };
}

// ---- Errors, shaped as Lambda shapes them ----

function toRapidResponse(error) {
  try {
    if (util.types.isNativeError(error) || isErrorLike(error)) {
      return { errorType: error.name, errorMessage: error.message, trace: error.stack.split('\n') };
    }
    return { errorType: typeof error, errorMessage: String(error), trace: [] };
  } catch {
    return {
      errorType: 'handled',
      errorMessage: 'callback called with Error argument, but there was a problem while retrieving one or more of'
          + ' its message, name, and stack',
    };
  }
}

function isErrorLike(value) {
  return value && typeof value.name === 'string' && typeof value.message === 'string'
      && typeof value.stack === 'string';
}

function toFormatted(error) {
  try {
    return '\t' + JSON.stringify(error, (_key, value) => withEnumerableProperties(value));
  } catch {
    return '\t' + JSON.stringify(toRapidResponse(error));
  }
}

function withEnumerableProperties(error) {
  if (!(error instanceof Error)) {
    return error;
  }
  const copy = Object.assign({ errorType: error.name, errorMessage: error.message, code: error.code }, error);
  if (typeof error.stack === 'string') {
    copy.stack = error.stack.split('\n');
  }
  return copy;
}

// ---- Logging: console.* as Lambda's text format ----

let currentRequestId;

function patchConsole() {
  const levels = ['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR', 'FATAL'];
  const minimum = Math.max(0, levels.indexOf((process.env.AWS_LAMBDA_LOG_LEVEL || 'TRACE').toUpperCase()));
  const log = (level) => (message, ...params) => {
    const line = `${new Date().toISOString()}\t${currentRequestId}\t${level}\t${util.format(message, ...params)}`;
    process.stdout.write(line.replace(/\n/g, '\r') + '\n');
  };
  const nothing = () => {};
  const at = (level) => (levels.indexOf(level) >= minimum ? log(level) : nothing);
  console.trace = at('TRACE');
  console.debug = at('DEBUG');
  console.info = at('INFO');
  console.log = console.info;
  console.warn = at('WARN');
  console.error = at('ERROR');
  console.fatal = log('FATAL');
}

function logError(title, error) {
  console.error(title, toFormatted(error instanceof Error ? error : new Error(error)));
}

// ---- Loading the handler ----

async function loadHandler(taskRoot, fullHandler) {
  if (fullHandler.includes('..')) {
    throw new MalformedHandlerName(`'${fullHandler}' is not a valid handler name. Use absolute paths when`
        + ' specifying root directories in handler names.');
  }
  const handlerString = path.basename(fullHandler);
  const moduleRoot = fullHandler.substring(0, fullHandler.indexOf(handlerString));
  const match = handlerString.match(/^([^.]*)\.(.*)$/);
  if (!match) {
    throw new MalformedHandlerName('Bad handler');
  }
  const [, moduleName, handlerPath] = match;
  let userModule;
  try {
    userModule = await loadModule(taskRoot, moduleRoot, moduleName);
  } catch (e) {
    if (e instanceof SyntaxError) {
      throw new UserCodeSyntaxError(e);
    }
    if (e && e.code === 'MODULE_NOT_FOUND') {
      throw new ImportModuleError(e);
    }
    throw e;
  }
  const handler = handlerPath.split('.').reduce((nested, key) => nested && nested[key], userModule);
  if (!handler) {
    throw new HandlerNotFound(`${fullHandler} is undefined or not exported`);
  }
  if (typeof handler !== 'function') {
    throw new HandlerNotFound(`${fullHandler} is not a function`);
  }
  return handler;
}

/** The module, tried as Lambda tries it: no extension, .js (CommonJS or ES module), .mjs, .cjs, then require. */
async function loadModule(taskRoot, moduleRoot, moduleName) {
  const file = path.resolve(taskRoot, moduleRoot, moduleName);
  if (fs.existsSync(file)) {
    return require(file);
  }
  const esm = isTypeModule(path.dirname(file));
  if (!esm && fs.existsSync(file + '.js')) {
    return require(file + '.js');
  }
  if (esm && fs.existsSync(file + '.js')) {
    resolveImportsLikeRequire(taskRoot);
    return import(pathToFileURL(file + '.js').href);
  }
  if (fs.existsSync(file + '.mjs')) {
    resolveImportsLikeRequire(taskRoot);
    return import(pathToFileURL(file + '.mjs').href);
  }
  if (fs.existsSync(file + '.cjs')) {
    return require(file + '.cjs');
  }
  return require(require.resolve(moduleName, { paths: [taskRoot, moduleRoot] }));
}

/** Whether the nearest package.json above the folder says "type": "module". */
function isTypeModule(folder) {
  for (let dir = folder; ; dir = path.dirname(dir)) {
    if (dir.endsWith('/node_modules')) {
      return false;
    }
    const packageJson = path.join(dir, 'package.json');
    if (fs.existsSync(packageJson)) {
      try {
        return JSON.parse(fs.readFileSync(packageJson, 'utf8')).type === 'module';
      } catch (e) {
        console.warn(`${packageJson} cannot be read, it will be ignored for ES module detection purposes.`, e);
        return false;
      }
    }
    if (dir === path.dirname(dir)) {
      return false;
    }
  }
}

/**
 * Makes ES module imports find packages in the NODE_PATH directories that exist (layers, the runtime's SDK), as
 * Lambda does. In Gust's sandbox, /var/node_modules and /node_modules link to the layers' and the runtime's
 * packages, which ES module resolution reaches from /var/task on its own. Only directories it cannot reach so (a
 * layer's nodejs/node<major>/node_modules, or no sandbox) need layer-resolution.mjs: registered once, for ES module
 * handlers only, since its hooks run on a thread of their own (tens of milliseconds of cold start).
 */
let importsResolved = false;
function resolveImportsLikeRequire(taskRoot) {
  if (importsResolved || typeof Module.register !== 'function') {
    return;
  }
  importsResolved = true;
  const reachable = new Set();
  for (let dir = taskRoot; ; dir = path.dirname(dir)) {
    const modules = realDirectory(path.join(dir, 'node_modules'));
    if (modules !== null) reachable.add(modules);
    if (dir === path.dirname(dir)) break;
  }
  const unreachable = (process.env.NODE_PATH || '').split(':')
    .filter((dir) => dir.endsWith('/node_modules'))
    .filter((dir) => { const real = realDirectory(dir); return real !== null && !reachable.has(real); });
  if (unreachable.length > 0) {
    const parents = unreachable.map((dir) => pathToFileURL(path.join(path.dirname(dir), 'gust-resolution.mjs')).href);
    Module.register('./layer-resolution.mjs', import.meta.url, { data: { parents } });
  }
}

function realDirectory(dir) {
  try {
    return fs.realpathSync(dir);
  } catch {
    return null;
  }
}

function addLayerPaths(taskRoot) {
  const major = process.versions.node.split('.')[0];
  const wanted = [`/opt/nodejs/node${major}/node_modules`, '/opt/nodejs/node_modules', taskRoot];
  const current = (process.env.NODE_PATH || '').split(':').filter(Boolean);
  process.env.NODE_PATH = [...wanted.filter((dir) => !current.includes(dir)), ...current].join(':');
  // NODE_PATH is read once at startup; re-read it so require() sees the layers (ES modules never use it).
  if (typeof Module._initPaths === 'function') {
    Module._initPaths();
  }
}

// ---- The awslambda global: response streaming ----

const HANDLER_STREAMING = Symbol.for('aws.lambda.runtime.handler.streaming');
const HANDLER_HIGHWATERMARK = Symbol.for('aws.lambda.runtime.handler.streaming.highWaterMark');
const STREAM_RESPONSE = 'response';

/**
 * The response stream of one invocation, as AWS's runtime gives it to a streaming handler: a Writable whose bytes go
 * to the Runtime API as they are written, in one chunked POST. Its content type can be set until the first write.
 * Writes that are neither strings nor bytes are sent as JSON, as AWS's stream sends them.
 */
class StreamingResponse extends Writable {
  constructor(api, id, options) {
    super(options);
    this.api = api;
    this.id = id;
    this.contentType = 'application/octet-stream';
    this.request = null;
    this._onBeforeFirstWrite = null;
  }

  setContentType(contentType) {
    if (this.request !== null) {
      throw new InvalidStreamingOperation('Cannot set content-type, too late.');
    }
    this.contentType = contentType;
  }

  write(chunk, encoding, callback) {
    if (typeof chunk !== 'string' && !Buffer.isBuffer(chunk) && !(chunk instanceof Uint8Array)) {
      chunk = JSON.stringify(chunk);
    }
    if (this.request === null && typeof this._onBeforeFirstWrite === 'function') {
      const before = this._onBeforeFirstWrite;
      this._onBeforeFirstWrite = null;
      before((bytes) => super.write(bytes));
    }
    this.opened();
    return super.write(chunk, encoding, callback);
  }

  opened() {
    if (this.request === null) {
      this.request = this.api.streamResponse(this.id, {
        'Lambda-Runtime-Function-Response-Mode': 'streaming',
        Trailer: `${ERROR_TYPE_HEADER}, ${ERROR_BODY_TRAILER}`,
        'Content-Type': this.contentType,
      });
    }
    return this.request;
  }

  _write(chunk, encoding, done) {
    const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk, encoding);
    this.opened().write(bytes).then(() => done(), done);
  }

  _final(done) {
    this.opened().end().then(() => done(), done);
  }

  /** Ends the stream with the error in its trailers; resolves once the Runtime API answered. */
  fail(error) {
    const response = toRapidResponse(error);
    const request = this.opened();
    this.destroy();
    return request.end({
      [ERROR_TYPE_HEADER]: response.errorType,
      [ERROR_BODY_TRAILER]: Buffer.from(JSON.stringify(response)).toString('base64'),
    });
  }
}

/** AWS's HttpResponseStream: the HTTP status and headers as a JSON prelude, eight NUL bytes, then the body. */
class HttpResponseStream {
  static from(underlyingStream, prelude) {
    underlyingStream.setContentType('application/vnd.awslambda.http-integration-response');
    const metadataPrelude = JSON.stringify(prelude);
    underlyingStream._onBeforeFirstWrite = (write) => {
      write(metadataPrelude);
      write(new Uint8Array(8));
    };
    return underlyingStream;
  }
}

globalThis.awslambda = {
  streamifyResponse(handler, options) {
    handler[HANDLER_STREAMING] = STREAM_RESPONSE;
    if (options && typeof options.highWaterMark === 'number') {
      handler[HANDLER_HIGHWATERMARK] = options.highWaterMark;
    }
    return handler;
  },
  HttpResponseStream,
};

/**
 * Runs a streaming handler, as AWS's runtime runs it: its stream's bytes go to the Runtime API as they are written,
 * the invocation is answered when the stream ends, and an error (thrown, a rejected promise, a stream error, a handler
 * that is not async) ends the stream with the error in its trailers. Resolves once the Runtime API has the answer.
 */
function invokeStreaming(api, id, handler, event, ctx, settle, state) {
  const stream = new StreamingResponse(api, id, { highWaterMark: handler[HANDLER_HIGHWATERMARK] });
  let ended = false;
  const once = (send) => {
    if (ended) return;
    ended = true;
    state.failStream = null;
    settle(send);
  };
  // An uncaught exception ends the open stream with its error (posting /error would write into the stream's body).
  state.failStream = (error) => {
    ended = true;
    state.failStream = null;
    return stream.fail(error);
  };
  const fail = (error) => once(() => {
    logError('Invoke Error', error);
    return stream.fail(error);
  });
  stream.on('finish', () => once(() => Promise.resolve()));
  stream.on('error', fail);
  const result = handler(event, stream, ctx);
  if (!result || typeof result.then !== 'function') {
    fail(new InvalidStreamingOperation('Streaming does not support non-async handlers.'));
    return;
  }
  result.then((value) => {
    if (value !== undefined) {
      console.warn('Streaming handlers ignore return values.');
    }
    if (!stream.writableEnded) stream.end();
  }, fail);
}

// ---- The invocation loop ----

function context(headers, callbacks) {
  const deadline = Number(headers['lambda-runtime-deadline-ms']);
  return Object.assign(callbacks, {
    functionVersion: process.env.AWS_LAMBDA_FUNCTION_VERSION,
    functionName: process.env.AWS_LAMBDA_FUNCTION_NAME,
    memoryLimitInMB: process.env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE,
    logGroupName: process.env.AWS_LAMBDA_LOG_GROUP_NAME,
    logStreamName: process.env.AWS_LAMBDA_LOG_STREAM_NAME,
    clientContext: parseHeader(headers['lambda-runtime-client-context'], 'ClientContext'),
    identity: parseHeader(headers['lambda-runtime-cognito-identity'], 'CognitoIdentity'),
    invokedFunctionArn: headers['lambda-runtime-invoked-function-arn'],
    awsRequestId: headers['lambda-runtime-aws-request-id'],
    getRemainingTimeInMillis: () => deadline - Date.now(),
  });
}

function parseHeader(value, name) {
  if (value === undefined) {
    return undefined;
  }
  try {
    return JSON.parse(value);
  } catch (err) {
    throw new Error(`Cannot parse ${name} as json: ${err.toString()}`);
  }
}

/** Runs one invocation; resolves once it is answered. */
function invoke(api, handler, invocation, state) {
  const { headers } = invocation;
  const id = headers['lambda-runtime-aws-request-id'];
  currentRequestId = id;
  if (headers['lambda-runtime-trace-id']) {
    process.env._X_AMZN_TRACE_ID = headers['lambda-runtime-trace-id'];
  } else {
    delete process.env._X_AMZN_TRACE_ID;
  }
  return new Promise((resolve, reject) => {
    const answers = answerOnce(api, id, state, resolve, reject);
    const { succeed, fail } = answers;
    const callback = (error, result) => (error === undefined || error === null ? succeed(result) : fail(error));
    state.inFlight = id;
    state.onEmptyEventLoop = handler.constructor.name === 'AsyncFunction'
      ? () => fail(new NodeJsExit())
      : () => succeed(null);
    try {
      const event = JSON.parse(invocation.body.toString('utf8'));
      if (handler[HANDLER_STREAMING] === STREAM_RESPONSE) {
        invokeStreaming(api, id, handler, event, context(headers, callbackContext(succeed, fail, callback)),
          answers.settle, state);
        return;
      }
      const result = handler(event, context(headers, callbackContext(succeed, fail, callback)), callback);
      if (result && typeof result.then === 'function') {
        result.then(succeed, fail);
      }
    } catch (error) {
      fail(error);
    }
  });
}

/** The two ways to answer an invocation; only the first answer counts, as in Lambda. */
function answerOnce(api, id, state, resolve, reject) {
  let answered = false;
  const answer = (send) => {
    if (!answered) {
      answered = true;
      state.onEmptyEventLoop = null;
      send().then(resolve, reject);
    }
  };
  const succeed = (result) => answer(() => {
    let body;
    try {
      body = JSON.stringify(result === undefined ? null : result);
    } catch {
      const error = new Error('Unable to stringify response body');
      logError('Invoke Error', error);
      return api.postError(id, error);
    }
    return api.postResponse(id, body);
  });
  const fail = (error) => answer(() => {
    const reported = error === undefined || error === null ? 'handled' : error;
    logError('Invoke Error', reported);
    return api.postError(id, reported);
  });
  return { succeed, fail, settle: answer };
}

/** The callback part of the context. callbackWaitsForEmptyEventLoop is kept but ignored: see the file header. */
function callbackContext(succeed, fail, callback) {
  let waitsForEmptyEventLoop = true;
  return {
    get callbackWaitsForEmptyEventLoop() {
      return waitsForEmptyEventLoop;
    },
    set callbackWaitsForEmptyEventLoop(value) {
      waitsForEmptyEventLoop = value;
    },
    succeed,
    fail,
    done: callback,
  };
}

async function main() {
  patchConsole();
  const api = runtimeApi(process.env.AWS_LAMBDA_RUNTIME_API);
  const state = { initialized: false, inFlight: null, onEmptyEventLoop: null, failStream: null };
  // As in Lambda: an error nobody caught fails init, or the invocation in flight, and ends the process.
  const crash = (title, exitCode) => (error) => {
    logError(title, error);
    const report = !state.initialized ? api.postInitError(error)
      : state.failStream ? state.failStream(error)
        : state.inFlight !== null ? api.postError(state.inFlight, error) : Promise.resolve();
    report.catch(() => {}).finally(() => process.exit(exitCode));
  };
  process.on('uncaughtException', crash('Uncaught Exception', 129));
  process.on('unhandledRejection', (reason, promise) =>
    crash('Unhandled Promise Rejection', 128)(new UnhandledPromiseRejection(reason, promise)));
  // Lambda answers an invocation whose handler never settles when the event loop runs dry; so does Gust.
  process.on('beforeExit', () => state.onEmptyEventLoop && state.onEmptyEventLoop());

  const taskRoot = process.env.LAMBDA_TASK_ROOT || process.cwd();
  addLayerPaths(taskRoot);
  let handler;
  try {
    handler = await loadHandler(taskRoot, process.env._HANDLER || '');
  } catch (error) {
    crash('Uncaught Exception', 129)(error);
    return;
  }
  state.initialized = true;
  for (;;) {
    const invocation = await api.next();
    await invoke(api, handler, invocation, state);
    state.inFlight = null;
  }
}

main().catch((error) => {
  // The Runtime API refused or went away: this instance is done.
  process.stderr.write(`${error && error.stack ? error.stack : error}\n`);
  process.exit(1);
});
