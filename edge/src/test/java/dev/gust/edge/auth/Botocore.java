package dev.gust.edge.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs botocore under the system's {@code /usr/bin/python3} (Debian's {@code python3-boto3}) to sign requests
 * exactly as the AWS CLI and boto3 do, at a fixed time, and returns them as they would go on the wire.
 *
 * <p>The Lambda client is real (its serializer encodes the path); a {@code before-send} hook captures each
 * request instead of sending it. Where {@code awscrt} is installed, as for the AWS CLI v2, that client signs with
 * the CRT's SigV4 ({@code CrtSigV4Auth}); the other requests are signed by botocore's own Python
 * {@code SigV4Auth} and {@code SigV4QueryAuth}. Never skips: a Python without botocore is a test failure that
 * says so.
 */
final class Botocore {

    static final String PYTHON = "/usr/bin/python3";

    private static final String SCRIPT = """
            import base64, datetime, json, sys, types
            try:
                import botocore.auth, botocore.session
                from botocore.awsrequest import AWSRequest, AWSResponse
                from botocore.credentials import Credentials
            except ImportError as e:
                sys.stderr.write('botocore is not importable: %s\\n' % e)
                sys.exit(3)

            spec = json.load(sys.stdin)
            fixed = datetime.datetime.strptime(spec['time'], '%Y%m%dT%H%M%SZ')

            class FixedClock(datetime.datetime):
                @classmethod
                def utcnow(cls):
                    return fixed

                @classmethod
                def now(cls, tz=None):
                    return fixed if tz is None else fixed.replace(tzinfo=tz)

            clock = types.SimpleNamespace(datetime=FixedClock, timedelta=datetime.timedelta, timezone=datetime.timezone)
            botocore.auth.datetime = clock
            if hasattr(botocore.auth, 'get_current_datetime'):
                botocore.auth.get_current_datetime = lambda *a, **k: fixed
            try:
                # With awscrt installed (as the AWS CLI v2 has it), clients sign with the CRT's SigV4.
                import botocore.crt.auth
                botocore.crt.auth.datetime = clock
            except ImportError:
                pass

            out = []

            def wire(name, request):
                body = request.body or b''
                if isinstance(body, str):
                    body = body.encode('utf-8')
                out.append({'name': name, 'method': request.method, 'url': request.url,
                            'headers': [[k, v.decode('latin-1') if isinstance(v, bytes) else v]
                                        for k, v in request.headers.items()],
                            'body': base64.b64encode(body).decode('ascii')})

            class Raw:
                def stream(self, **kwargs):
                    yield b'{}'

            session = botocore.session.get_session()
            client = session.create_client('lambda', region_name='us-east-1', endpoint_url=spec['endpoint'],
                                           aws_access_key_id=spec['accessKeyId'],
                                           aws_secret_access_key=spec['secretAccessKey'])
            current = {}

            def capture(request, **kwargs):
                wire(current['name'], request)
                return AWSResponse(request.url, 200, {'Content-Type': 'application/json'}, Raw())

            client.meta.events.register('before-send', capture)
            current['name'] = 'getFunctionConfiguration'
            client.get_function_configuration(FunctionName=spec['arn'], Qualifier='$LATEST')
            current['name'] = 'invoke'
            client.invoke(FunctionName=spec['arn'] + ':$LATEST', Payload=b'{"key": "v\\xc3\\xa4lue"}')
            current['name'] = 'listFunctions'
            client.list_functions(Marker='eyJtIjoiYSBiK2MvZD0ifQ==', MaxItems=10)

            credentials = Credentials(spec['accessKeyId'], spec['secretAccessKey'])
            presigned = AWSRequest(method='GET', url=spec['endpoint'] + '/2015-03-31/functions/?MaxItems=1')
            botocore.auth.SigV4QueryAuth(credentials, 'lambda', 'us-east-1', expires=300).add_auth(presigned)
            wire('presigned', presigned.prepare())

            arn_path = AWSRequest(method='GET', url=spec['endpoint'] + '/2015-03-31/functions/'
                                  + 'arn%3Aaws%3Alambda%3Aus-east-1%3A000000000000%3Afunction%3Afoo%3A%24LATEST'
                                  + '/configuration?Qualifier=%24LATEST')
            botocore.auth.SigV4Auth(credentials, 'lambda', 'us-east-1').add_auth(arn_path)
            wire('sigV4AuthArnPath', arn_path.prepare())

            session_credentials = Credentials(spec['accessKeyId'], spec['secretAccessKey'], spec['sessionToken'])
            with_token = AWSRequest(method='POST', url=spec['endpoint'] + '/2015-03-31/functions',
                                    data=b'{"FunctionName": "foo"}', headers={'Content-Type': 'application/json'})
            botocore.auth.SigV4Auth(session_credentials, 'lambda', 'us-east-1').add_auth(with_token)
            wire('sessionToken', with_token.prepare())

            json.dump(out, sys.stdout)
            """;

    private Botocore() {
    }

    /** The requests botocore signed at {@code signedAt}, by name, as they would be sent. */
    static Map<String, WireRequest> signedRequests(Credentials credentials, String sessionToken, String functionArn,
            Instant signedAt) throws IOException, InterruptedException {
        ObjectMapper json = new ObjectMapper();
        Map<String, String> spec = Map.of("time", SigningTime.format(signedAt.getEpochSecond()),
                "endpoint", "https://" + SdkSigner.ENDPOINT_HOST, "arn", functionArn,
                "accessKeyId", credentials.accessKeyId(), "secretAccessKey", credentials.secretAccessKey(),
                "sessionToken", sessionToken);
        ProcessBuilder builder = new ProcessBuilder(PYTHON, "-c", SCRIPT);
        // Keep the developer's AWS configuration and credentials out of the signing.
        builder.environment().keySet().removeIf(name -> name.startsWith("AWS_"));
        builder.environment().put("AWS_CONFIG_FILE", "/dev/null");
        builder.environment().put("AWS_SHARED_CREDENTIALS_FILE", "/dev/null");
        Process python;
        try {
            python = builder.start();
        } catch (IOException e) {
            throw new AssertionError(PYTHON + " cannot be started; install Debian's python3 and python3-boto3", e);
        }
        try (var stdin = python.getOutputStream()) {
            stdin.write(json.writeValueAsBytes(spec));
        }
        byte[] stdout = python.getInputStream().readAllBytes();
        String stderr = new String(python.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!python.waitFor(60, TimeUnit.SECONDS)) {
            python.destroyForcibly();
            throw new AssertionError(PYTHON + " did not finish signing within 60 s: " + stderr);
        }
        if (python.exitValue() == 3) {
            throw new AssertionError(PYTHON + " has no botocore, so nothing can be signed by it; install the Debian "
                    + "package python3-boto3 (which brings python3-botocore). " + stderr.strip());
        }
        if (python.exitValue() != 0) {
            throw new AssertionError(PYTHON + " failed to sign with botocore (exit " + python.exitValue() + "): " + stderr);
        }
        Map<String, WireRequest> requests = new LinkedHashMap<>();
        for (JsonNode request : json.readTree(stdout)) {
            Map<String, List<String>> headers = new LinkedHashMap<>();
            request.get("headers").forEach(pair -> headers.computeIfAbsent(pair.get(0).asText(), n -> new java.util.ArrayList<>())
                    .add(pair.get(1).asText()));
            requests.put(request.get("name").asText(), WireRequest.of(request.get("method").asText(),
                    URI.create(request.get("url").asText()), headers,
                    Base64.getDecoder().decode(request.get("body").asText())));
        }
        return requests;
    }
}
