package dev.gust.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.LambdaException;
import software.amazon.awssdk.services.lambda.model.Runtime;

/** AWS's rules for a zip uploaded directly (ZipFile): up to 50 MB accepted, CRC-32 checked, no host path disclosed. */
class ZipUploadsIT {

    private static final String CORRUPT =
            "Could not unzip uploaded file. Please check your file, then try to upload again.";
    @TempDir
    static Path dataDir;
    static TestServer server;
    static LambdaClient lambda;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(dataDir, Map.of());
        lambda = server.lambda();
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @Test
    void acceptsA45MegabyteZipInCreateFunctionAndUpdateFunctionCode() {
        byte[] zip = handlerWithRandomFile(45 * 1024 * 1024, 1);
        assertThat(zip.length).isGreaterThan(45 * 1024 * 1024);

        long created = create("large", zip).codeSize();
        byte[] other = handlerWithRandomFile(45 * 1024 * 1024, 2);
        long updated = lambda.updateFunctionCode(b -> b.functionName("large")
                .zipFile(SdkBytes.fromByteArray(other))).codeSize();

        assertThat(created).isEqualTo(zip.length);
        assertThat(updated).isEqualTo(other.length);
    }

    @Test
    void refusesARequestOverTheDirectUploadLimitBeforeReadingItsBody() throws Exception {
        create("small", TestZips.pythonHandler("1"));
        long declared = 70_167_212; // one byte over AWS's bound: a 52.6 MB zip in base64, within its JSON

        RawHttp.Response created = RawHttp.exchange(server.gust().endpoint(),
                RawHttp.signedHead(server.gust().endpoint(), "POST", "/2015-03-31/functions", declared));
        RawHttp.Response updated = RawHttp.exchange(server.gust().endpoint(),
                RawHttp.signedHead(server.gust().endpoint(), "PUT", "/2015-03-31/functions/small/code", declared));

        assertThat(List.of(created, updated)).allSatisfy(response -> {
            assertThat(response.status()).isEqualTo(413);
            assertThat(response.header("x-amzn-ErrorType")).isEqualTo("RequestEntityTooLargeException");
        });
        assertThat(created.body()).contains("\"Request must be smaller than 70167211 bytes for the CreateFunction operation\"");
        assertThat(updated.body())
                .contains("\"Request must be smaller than 70167211 bytes for the UpdateFunctionCode operation\"");
    }

    @Test
    void refusesAZipWhoseCrcIsWrong() {
        byte[] zip = withWrongCrc(TestZips.pythonHandler("1"));

        assertAwsError(() -> create("wrong-crc", zip), 400, "InvalidParameterValueException", CORRUPT);
        create("kept", TestZips.pythonHandler("1"));
        assertAwsError(() -> lambda.updateFunctionCode(b -> b.functionName("kept")
                .zipFile(SdkBytes.fromByteArray(zip))), 400, "InvalidParameterValueException", CORRUPT);
        assertAwsError(() -> lambda.getFunction(b -> b.functionName("wrong-crc")), 404, "ResourceNotFoundException",
                "Function not found: arn:aws:lambda:us-east-1:000000000000:function:wrong-crc");
    }

    @Test
    void refusesAPathTooDeepForTheFileSystemWithoutDisclosingTheDataDir() {
        byte[] zip = TestZips.zip(Map.of("d/".repeat(2100) + "lambda_function.py", "x = 1\n"));

        assertThatThrownBy(() -> create("deep", zip)).isInstanceOfSatisfying(LambdaException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(400);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterValueException");
            assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(CORRUPT);
            assertThat(new String(e.awsErrorDetails().rawResponse().asByteArray(), StandardCharsets.UTF_8))
                    .doesNotContain(dataDir.toString());
        });
    }

    private static software.amazon.awssdk.services.lambda.model.CreateFunctionResponse create(String name,
            byte[] zip) {
        return lambda.createFunction(b -> b.functionName(name).runtime(Runtime.PYTHON3_12)
                .role(FunctionLifecycleIT.ROLE).handler("lambda_function.lambda_handler")
                .code(c -> c.zipFile(SdkBytes.fromByteArray(zip))));
    }

    private static void assertAwsError(ThrowingCallable call, int status, String type, String message) {
        assertThatThrownBy(call).isInstanceOfSatisfying(LambdaException.class, e -> {
            assertThat(e.statusCode()).as("status").isEqualTo(status);
            assertThat(e.awsErrorDetails().errorCode()).as("error type").isEqualTo(type);
            assertThat(e.awsErrorDetails().errorMessage()).as("message").isEqualTo(message);
        });
    }

    /** A Python handler and {@code size} random (incompressible) bytes beside it. */
    private static byte[] handlerWithRandomFile(int size, long seed) {
        byte[] data = new byte[size];
        new Random(seed).nextBytes(data);
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("lambda_function.py", "def lambda_handler(event, context):\n    return 1\n"
                .getBytes(StandardCharsets.UTF_8));
        files.put("data.bin", data);
        return TestZips.zipBytes(files);
    }

    /** The same zip with each entry's CRC-32 in the central directory flipped. */
    private static byte[] withWrongCrc(byte[] zip) {
        byte[] patched = zip.clone();
        ByteBuffer buffer = ByteBuffer.wrap(patched).order(ByteOrder.LITTLE_ENDIAN);
        int end = patched.length - 22;
        int entries = buffer.getShort(end + 10) & 0xffff;
        int offset = buffer.getInt(end + 16);
        for (int i = 0; i < entries; i++) {
            buffer.putInt(offset + 16, ~buffer.getInt(offset + 16));
            offset += 46 + (buffer.getShort(offset + 28) & 0xffff) + (buffer.getShort(offset + 30) & 0xffff)
                    + (buffer.getShort(offset + 32) & 0xffff);
        }
        return patched;
    }
}
