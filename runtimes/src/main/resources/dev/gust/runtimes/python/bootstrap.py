"""Gust's bootstrap for Lambda's python3.x runtimes.

Runs one function instance: loads the handler named by _HANDLER from LAMBDA_TASK_ROOT, then pulls invocations
from the Lambda Runtime API at AWS_LAMBDA_RUNTIME_API and answers them, over one keep-alive connection, until
the process is stopped. Standard library only; Python 3.9 or later. If the function imports boto3 and the
installed botocore is older than 1.31, it is made to honour AWS_ENDPOINT_URL as newer ones do (endpoint_variables.py).

The handler, context object, response encoding, error payloads and log lines follow the AWS Lambda Python
runtime interface client (awslambdaric). Not emulated: JSON log format, the X-Ray error cause header,
SnapStart hooks, response streaming, and the exact encoding of decimal.Decimal (sent as int or float).
"""

import importlib
import io
import json
import logging
import os
import socket
import sys
import time

# Not http.client: with the email and ssl modules it pulls in, it would double the interpreter's start-up time,
# and the Runtime API needs only keep-alive requests with Content-Length bodies. traceback is imported on errors.

RUNTIME_PATH = "/2018-06-01/runtime"
ERROR_TYPE_HEADER = "Lambda-Runtime-Function-Error-Type"
ERROR_LOG_INDENT = "\u00a0"
UNHANDLED_WARNING = (
    "Unhandled exception. The most likely cause is an issue in the function code. However, in rare cases, "
    "a Lambda runtime update can cause unexpected function behavior. For functions using managed runtimes, "
    "runtime updates can be triggered by a function change, or can be applied automatically. To determine "
    "if the runtime has been updated, check the runtime version in the INIT_START log entry. If this error "
    "correlates with a change in the runtime version, you may be able to mitigate this error by temporarily "
    "rolling back to the previous runtime version. For more information, see "
    "https://docs.aws.amazon.com/lambda/latest/dg/runtimes-update.html"
)

_current_request_id = None


class FaultException(Exception):
    """A failure the runtime itself reports, with a Runtime.* error type."""

    MARSHAL_ERROR = "Runtime.MarshalError"
    UNMARSHAL_ERROR = "Runtime.UnmarshalError"
    USER_CODE_SYNTAX_ERROR = "Runtime.UserCodeSyntaxError"
    HANDLER_NOT_FOUND = "Runtime.HandlerNotFound"
    IMPORT_MODULE_ERROR = "Runtime.ImportModuleError"
    BUILT_IN_MODULE_CONFLICT = "Runtime.BuiltInModuleConflict"
    MALFORMED_HANDLER_NAME = "Runtime.MalformedHandlerName"
    LAMBDA_CONTEXT_UNMARSHAL_ERROR = "Runtime.LambdaContextUnmarshalError"

    def __init__(self, exception_type, msg, trace=None):
        super().__init__(msg)
        self.exception_type = exception_type
        self.msg = msg
        self.trace = trace


class RuntimeApiError(Exception):
    """The Runtime API refused a request in a way the runtime cannot recover from."""


class RuntimeApiProtocolError(Exception):
    """The Runtime API connection ended, or answered something that is not HTTP/1.1."""


class _Headers(dict):
    """Response headers by lower-cased name; get() takes any case, as HTTP header names are case-insensitive."""

    def get(self, name, default=None):
        return dict.get(self, name.lower(), default)


class _Response:
    __slots__ = ["status", "headers", "body"]

    def __init__(self, status, headers, body):
        self.status = status
        self.headers = headers
        self.body = body


class RuntimeApiClient:
    """The Runtime API over one keep-alive connection: HTTP/1.1, each request sent in one write."""

    def __init__(self, address):
        host, _, port = address.rpartition(":")
        self._address = (host, int(port))
        self._host = address.encode("ascii")
        self._sock = None
        self._buffer = b""

    def next_invocation(self):
        response = self._request(b"GET", RUNTIME_PATH + "/invocation/next", None, {})
        if response.status != 200:
            raise RuntimeApiError("GET /next answered %d: %r" % (response.status, response.body))
        return response.body, response.headers

    def post_response(self, request_id, body, content_type):
        self._post(RUNTIME_PATH + "/invocation/" + request_id + "/response", body, {"Content-Type": content_type})

    def post_error(self, request_id, error):
        self._post(RUNTIME_PATH + "/invocation/" + request_id + "/error", _to_json(error).encode("utf-8"),
                   {"Content-Type": "application/json", ERROR_TYPE_HEADER: "Unhandled"})

    def post_init_error(self, error):
        self._post(RUNTIME_PATH + "/init/error", _to_json(error).encode("utf-8"),
                   {"Content-Type": "application/json", ERROR_TYPE_HEADER: error["errorType"] or "Unhandled"})

    def _post(self, path, body, headers):
        response = self._request(b"POST", path, body, headers)
        if response.status >= 500:
            raise RuntimeApiError("POST %s answered %d: %r" % (path, response.status, response.body))
        if response.status != 202:
            sys.stdout.write("[WARNING] Runtime API refused POST %s: %d %s\n"
                             % (path, response.status, response.body.decode("utf-8", "replace")))

    def _request(self, method, path, body, headers):
        try:
            return self._exchange(method, path, body, headers)
        except (ConnectionError, RuntimeApiProtocolError):
            # The endpoint closed an idle keep-alive connection: reconnect once.
            self._close()
            return self._exchange(method, path, body, headers)

    def _exchange(self, method, path, body, headers):
        if self._sock is None:
            self._sock = socket.create_connection(self._address)
            self._sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        head = [method, b" ", path.encode("utf-8"), b" HTTP/1.1\r\nHost: ", self._host, b"\r\n"]
        for name, value in headers.items():
            # "replace": an error type named in other scripts must not stop the error from being reported
            head += [name.encode("latin-1"), b": ", value.encode("latin-1", "replace"), b"\r\n"]
        if body is not None:
            head += [b"Content-Length: ", str(len(body)).encode("ascii"), b"\r\n"]
        head.append(b"\r\n")
        if body is not None:
            head.append(body)
        self._sock.sendall(b"".join(head))
        return self._read_response()

    def _read_response(self):
        while b"\r\n\r\n" not in self._buffer:
            self._receive()
        head, self._buffer = self._buffer.split(b"\r\n\r\n", 1)
        lines = head.decode("latin-1").split("\r\n")
        try:
            status = int(lines[0].split(" ", 2)[1])
        except (IndexError, ValueError):
            raise RuntimeApiProtocolError("malformed status line: %r" % lines[0])
        headers = _Headers()
        for line in lines[1:]:
            name, _, value = line.partition(":")
            headers[name.strip().lower()] = value.strip()
        if headers.get("transfer-encoding", "").lower() == "chunked":
            body = self._read_chunked()
        else:
            body = self._read_exactly(int(headers.get("content-length") or 0))
        if headers.get("connection", "").lower() == "close":
            self._close()
        return _Response(status, headers, body)

    def _read_chunked(self):
        chunks = []
        while True:
            while b"\r\n" not in self._buffer:
                self._receive()
            size_line, self._buffer = self._buffer.split(b"\r\n", 1)
            size = int(size_line.split(b";", 1)[0], 16)
            chunk = self._read_exactly(size + 2)[:size]
            if size == 0:
                while not self._buffer.startswith(b"\r\n"):  # trailers, if any, end with an empty line
                    while b"\r\n" not in self._buffer:
                        self._receive()
                    self._buffer = self._buffer.split(b"\r\n", 1)[1]
                self._buffer = self._buffer[2:]
                return b"".join(chunks)
            chunks.append(chunk)

    def _read_exactly(self, length):
        if len(self._buffer) < length:
            # A body of megabytes arrives in many reads: gather them and join once, not once per read.
            chunks, have = [self._buffer], len(self._buffer)
            while have < length:
                data = self._sock.recv(max(65536, length - have))
                if not data:
                    raise RuntimeApiProtocolError("the Runtime API closed the connection")
                chunks.append(data)
                have += len(data)
            self._buffer = b"".join(chunks)
        data, self._buffer = self._buffer[:length], self._buffer[length:]
        return data

    def _receive(self):
        data = self._sock.recv(65536)
        if not data:
            raise RuntimeApiProtocolError("the Runtime API closed the connection")
        self._buffer += data

    def _close(self):
        if self._sock is not None:
            self._sock.close()
        self._sock = None
        self._buffer = b""


class CognitoIdentity:
    __slots__ = ["cognito_identity_id", "cognito_identity_pool_id"]


class Client:
    __slots__ = ["installation_id", "app_title", "app_version_name", "app_version_code", "app_package_name"]


class ClientContext:
    __slots__ = ["custom", "env", "client"]


class LambdaContext:
    """The context object handed to the handler, as Lambda's Python runtime builds it."""

    def __init__(self, request_id, client_context, cognito_identity, deadline_ms, invoked_function_arn):
        self.aws_request_id = request_id
        self.log_group_name = os.environ.get("AWS_LAMBDA_LOG_GROUP_NAME")
        self.log_stream_name = os.environ.get("AWS_LAMBDA_LOG_STREAM_NAME")
        self.function_name = os.environ.get("AWS_LAMBDA_FUNCTION_NAME")
        # A string, as in Lambda: the runtime copies it from the environment.
        self.memory_limit_in_mb = os.environ.get("AWS_LAMBDA_FUNCTION_MEMORY_SIZE")
        self.function_version = os.environ.get("AWS_LAMBDA_FUNCTION_VERSION")
        self.invoked_function_arn = invoked_function_arn
        self.tenant_id = None
        self.client_context = _object_from_dict(ClientContext, client_context)
        if self.client_context is not None:
            self.client_context.client = _object_from_dict(Client, self.client_context.client)
        self.identity = _object_from_dict(CognitoIdentity, {})
        if cognito_identity is not None:
            self.identity.cognito_identity_id = cognito_identity.get("cognitoIdentityId")
            self.identity.cognito_identity_pool_id = cognito_identity.get("cognitoIdentityPoolId")
        self._deadline_ms = deadline_ms

    def get_remaining_time_in_millis(self):
        remaining = self._deadline_ms - int(time.time() * 1000)
        return remaining if remaining > 0 else 0

    def log(self, msg):
        sys.stdout.write(str(msg))

    def __repr__(self):
        return ("LambdaContext([aws_request_id=%s,log_group_name=%s,log_stream_name=%s,function_name=%s,"
                "memory_limit_in_mb=%s,function_version=%s,invoked_function_arn=%s,client_context=%s,identity=%s])"
                % (self.aws_request_id, self.log_group_name, self.log_stream_name, self.function_name,
                   self.memory_limit_in_mb, self.function_version, self.invoked_function_arn,
                   self.client_context, self.identity))


def _object_from_dict(cls, values):
    if values is None:
        return None
    obj = cls()
    for field in cls.__slots__:
        setattr(obj, field, values.get(field))
    return obj


class _Encoder(json.JSONEncoder):
    def default(self, o):
        decimal = sys.modules.get("decimal")
        if decimal is not None and isinstance(o, decimal.Decimal):
            if o.is_nan():
                return float("nan")
            return int(o) if o == o.to_integral_value() else float(o)
        return super().default(o)


_ENCODER = _Encoder(ensure_ascii=os.environ.get("AWS_EXECUTION_ENV") != "AWS_Lambda_python3.12")


def _to_json(value):
    return _ENCODER.encode(value)


def _marshal(result):
    if isinstance(result, bytes):
        return result, "application/unknown"
    try:
        return _to_json(result).encode("utf-8"), "application/json"
    except Exception as e:
        raise FaultException(FaultException.MARSHAL_ERROR, "Unable to marshal response: {}".format(e))


def _parse_json_header(value, name):
    try:
        return json.loads(value)
    except Exception as e:
        raise FaultException(FaultException.LAMBDA_CONTEXT_UNMARSHAL_ERROR,
                             "Unable to parse {} JSON: {}".format(name, e))


def load_handler(handler):
    """The function _HANDLER names ('path/module.function'), or a FaultException as Lambda words it."""
    try:
        modname, fname = handler.rsplit(".", 1)
    except ValueError as e:
        raise FaultException(FaultException.MALFORMED_HANDLER_NAME, "Bad handler '{}': {}".format(handler, e))
    try:
        if modname.split(".")[0] in sys.builtin_module_names:
            raise FaultException(FaultException.BUILT_IN_MODULE_CONFLICT,
                                 "Cannot use built-in module {} as a handler module".format(modname))
        module = importlib.import_module(modname.replace("/", "."))
    except ImportError as e:
        raise FaultException(FaultException.IMPORT_MODULE_ERROR,
                             "Unable to import module '{}': {}".format(modname, e))
    except SyntaxError as e:
        trace = ['  File "%s" Line %s\n    %s' % (e.filename, e.lineno, e.text)]
        raise FaultException(FaultException.USER_CODE_SYNTAX_ERROR,
                             "Syntax error in module '{}': {}".format(modname, e), trace)
    try:
        return getattr(module, fname)
    except AttributeError:
        raise FaultException(FaultException.HANDLER_NOT_FOUND,
                             "Handler '{}' missing on module '{}'".format(fname, modname))


def make_error(message, error_type, stack_trace, request_id=None):
    return {
        "errorMessage": message if message else "",
        "errorType": error_type if error_type else "",
        "requestId": request_id if request_id is not None else "",
        "stackTrace": stack_trace if stack_trace else [],
    }


def _user_frames(tb):
    """The traceback's frames from the first one outside this bootstrap, as (file, line, function, text)."""
    import traceback
    frames = [(f.filename, f.lineno, f.name, f.line) for f in traceback.extract_tb(tb)]
    for i, frame in enumerate(frames):
        if "/bootstrap.py" not in frame[0]:
            return frames[i:]
    return frames


def fault_result(exc_info, request_id=None):
    import traceback
    etype, value, tb = exc_info
    return make_error(str(value), etype.__name__, traceback.format_list(_user_frames(tb)), request_id)


def log_error(error):
    """Writes an error the way Lambda's Python runtime does: one record, lines joined by carriage returns."""
    description = "[ERROR]"
    if error.get("errorType"):
        description += " " + error["errorType"]
    if error.get("errorMessage"):
        if error.get("errorType"):
            description += ":"
        description += " " + error["errorMessage"]
    lines = [description]
    stack_trace = error.get("stackTrace")
    if stack_trace is not None:
        lines.append("Traceback (most recent call last):")
        for element in stack_trace:
            if element == "":
                lines.append("")
            else:
                lines.extend(_indent_with_nbsp(line) for line in element.splitlines())
    sys.stdout.write("\r".join(lines) + "\n")


def _indent_with_nbsp(line):
    stripped = line.lstrip(" ")
    return ERROR_LOG_INDENT * (len(line) - len(stripped)) + stripped


def handle_invocation(client, handler, body, headers):
    global _current_request_id
    request_id = headers.get("Lambda-Runtime-Aws-Request-Id")
    _current_request_id = request_id
    trace_id = headers.get("Lambda-Runtime-Trace-Id")
    if trace_id is not None:
        os.environ["_X_AMZN_TRACE_ID"] = trace_id
    else:
        os.environ.pop("_X_AMZN_TRACE_ID", None)
    error = None
    try:
        client_context = headers.get("Lambda-Runtime-Client-Context")
        cognito_identity = headers.get("Lambda-Runtime-Cognito-Identity")
        context = LambdaContext(
            request_id,
            _parse_json_header(client_context, "Client Context") if client_context else None,
            _parse_json_header(cognito_identity, "Cognito Identity") if cognito_identity else None,
            int(headers.get("Lambda-Runtime-Deadline-Ms") or 0),
            headers.get("Lambda-Runtime-Invoked-Function-Arn"))
        try:
            event = json.loads(body)
        except Exception as e:
            raise FaultException(FaultException.UNMARSHAL_ERROR, "Unable to unmarshal input: {}".format(e))
        result, content_type = _marshal(handler(event, context))
    except FaultException as e:
        error = make_error(e.msg, e.exception_type, e.trace, request_id)
    except Exception:
        error = fault_result(sys.exc_info(), request_id)
    if error is None:
        client.post_response(request_id, result, content_type)
    else:
        log_error(error)
        client.post_error(request_id, error)


class _RequestIdFilter(logging.Filter):
    def filter(self, record):
        record.aws_request_id = _current_request_id or ""
        return True


def _setup_logging():
    logging.Formatter.converter = time.gmtime
    handler = logging.StreamHandler(sys.stdout)
    handler.terminator = ""
    handler.setFormatter(logging.Formatter(
        "[%(levelname)s]\t%(asctime)s.%(msecs)03dZ\t%(aws_request_id)s\t%(message)s\n", "%Y-%m-%dT%H:%M:%S"))
    handler.addFilter(_RequestIdFilter())
    root = logging.getLogger()
    root.addHandler(handler)
    level = (os.environ.get("AWS_LAMBDA_LOG_LEVEL") or "").upper()
    if level in logging._nameToLevel:
        root.setLevel(level)


def _unbuffered(stream):
    """The same text stream without buffering, so each write reaches the log at once (python -u)."""
    if stream is None:
        return stream
    stream.flush()
    return io.TextIOWrapper(io.FileIO(stream.fileno(), "w", closefd=False), encoding=stream.encoding,
                            errors=stream.errors, write_through=True)


def _setup_sys_path(task_root):
    """Puts the task root first, then the layers' site-packages and /opt/python, the standard library, the runtime's
    SDK last: Lambda's order (no .pth processing)."""
    # The function's runtime id names the layers' site-packages (python3.12 may run on another host Python).
    runtime = os.environ.get("AWS_EXECUTION_ENV", "")[len("AWS_Lambda_"):]
    version = runtime if runtime.startswith("python3.") else "python%d.%d" % sys.version_info[:2]
    paths = [task_root, "/opt/python/lib/%s/site-packages" % version, "/opt/python"]
    own_directory = os.path.dirname(os.path.abspath(__file__))
    # Run as a script, sys.path[0] is this bootstrap's own directory: user code must not import from it.
    replaced = 1 if sys.path and sys.path[0] in (own_directory, "") else 0
    sys.path[0:replaced] = [path for path in paths if path not in sys.path[replaced:]]
    # Last, where Lambda has /var/runtime: the SDK the runtime includes (boto3 and its dependencies, linked by Gust
    # beside this file). Run with -S, the interpreter adds no site or dist-packages of the host; the builtins that
    # the site module adds without touching sys.path (exit, quit, copyright, credits, license, help) are added here.
    sys.path.append(os.path.join(own_directory, "sdk"))
    import site
    site.setquit()
    site.setcopyright()
    site.sethelper()


class _EndpointVariablesHook:
    """Runs endpoint_variables.py (beside this file) when the function imports botocore.session, which makes a
    botocore older than 1.31 honour AWS_ENDPOINT_URL as newer ones do. Costs other imports one comparison."""

    def find_spec(self, name, path=None, target=None):
        if name != "botocore.session":
            return None
        sys.meta_path.remove(self)
        import importlib.util
        spec = importlib.util.find_spec(name)
        if spec is not None and hasattr(spec.loader, "exec_module"):
            execute = spec.loader.exec_module

            def exec_module(module):
                execute(module)
                source = os.path.join(os.path.dirname(os.path.abspath(__file__)), "endpoint_variables.py")
                with open(source, encoding="utf-8") as f:
                    namespace = {"__name__": "endpoint_variables"}
                    exec(compile(f.read(), source, "exec"), namespace)
                namespace["honour_endpoint_variables"](module)

            spec.loader.exec_module = exec_module
        return spec


def main():
    sys.meta_path.insert(0, _EndpointVariablesHook())
    sys.stdout = _unbuffered(sys.stdout)
    sys.stderr = _unbuffered(sys.stderr)
    _setup_sys_path(os.environ.get("LAMBDA_TASK_ROOT") or os.getcwd())
    _setup_logging()
    client = RuntimeApiClient(os.environ["AWS_LAMBDA_RUNTIME_API"])
    try:
        handler = load_handler(os.environ.get("_HANDLER", ""))
    except Exception as e:
        if isinstance(e, FaultException):
            error = make_error(e.msg, e.exception_type, e.trace)
        else:
            error = fault_result(sys.exc_info())
        logging.warning(UNHANDLED_WARNING)
        log_error(error)
        client.post_init_error(error)
        sys.exit(1)
    try:
        while True:
            body, headers = client.next_invocation()
            handle_invocation(client, handler, body, headers)
    except (RuntimeApiError, RuntimeApiProtocolError, OSError) as e:
        # The endpoint told the runtime to exit, or went away with its instance.
        sys.stderr.write("Runtime API unavailable, exiting: %s\n" % e)
        sys.exit(1)


if __name__ == "__main__":
    main()
