package dev.gust.api.urls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gust.core.Account;
import dev.gust.core.FunctionConfiguration;
import dev.gust.core.LambdaException;
import dev.gust.core.urls.FunctionUrlChanges;
import dev.gust.core.urls.FunctionUrlConfig;
import dev.gust.store.FunctionRecord;
import dev.gust.store.SqliteFunctionStore;
import dev.gust.store.SqliteFunctionUrlStore;
import dev.gust.store.SqliteVersionStore;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The control plane of function URLs over the embedded stores: what it writes, tells and refuses. */
class FunctionUrlServiceTest {

    private static final Account ACCOUNT = Account.defaults();

    @TempDir
    Path dataDir;
    SqliteFunctionStore functions;
    SqliteVersionStore versions;
    SqliteFunctionUrlStore urls;
    final List<String> told = new ArrayList<>();
    FunctionUrlService service;

    @BeforeEach
    void open() {
        functions = new SqliteFunctionStore(dataDir);
        versions = new SqliteVersionStore(dataDir);
        urls = new SqliteFunctionUrlStore(dataDir);
        service = service();
    }

    private FunctionUrlService service() {
        return new FunctionUrlService(ACCOUNT, functions, versions, urls,
                InstantSource.fixed(Instant.parse("2026-12-07T10:00:00.123456Z")), new FunctionUrlChanges() {
                    @Override
                    public void put(FunctionUrlConfig config) {
                        told.add("put " + config.functionName() + " " + config.authType());
                    }

                    @Override
                    public void removed(String urlId) {
                        told.add("removed " + urlId);
                    }
                });
    }

    @AfterEach
    void close() {
        urls.close();
        versions.close();
        functions.close();
    }

    private void createFunction(String name) {
        functions.create(new FunctionRecord(FunctionConfiguration.builder().functionName(name).runtime("python3.12")
                .role("arn:aws:iam::000000000000:role/lambda").handler("h.h")
                .lastModified(Instant.EPOCH).revisionId("r1").build(), Map.of()));
    }

    private static UrlWireTypes.UrlConfigRequest request(String authType, String invokeMode) {
        return new UrlWireTypes.UrlConfigRequest(authType, null, invokeMode);
    }

    @Test
    void createsAUrlWithANewIdKeptToTheMillisecondAndTellsTheDataPlane() {
        createFunction("hello");

        FunctionUrlConfig created = service.create("hello", null, request("NONE", null));

        assertThat(created.urlId()).matches("[a-z0-9]{32}");
        assertThat(created.qualifier()).isEqualTo("$LATEST");
        assertThat(created.creationTime()).isEqualTo(Instant.parse("2026-12-07T10:00:00.123Z"));
        assertThat(created.invokeMode()).isNull();
        assertThat(service.get("hello", null)).isEqualTo(created);
        assertThat(told).containsExactly("put hello NONE");
    }

    @Test
    void anUpdateKeepsWhatItDoesNotName() {
        createFunction("hello");
        FunctionUrlConfig created = service.create("hello", null, request("NONE", "RESPONSE_STREAM"));

        FunctionUrlConfig updated = service.update("hello", null, request("AWS_IAM", null));

        assertThat(updated.urlId()).isEqualTo(created.urlId());
        assertThat(updated.authType()).isEqualTo("AWS_IAM");
        assertThat(updated.invokeMode()).isEqualTo("RESPONSE_STREAM");
    }

    @Test
    void badInputChangesNothing() {
        createFunction("hello");

        assertThatThrownBy(() -> service.create("hello", null, request(null, "SOMETIMES")))
                .isInstanceOfSatisfying(LambdaException.class, e -> assertThat(e.getMessage()).isEqualTo(
                        "2 validation errors detected: Value null at 'authType' failed to satisfy constraint: Member "
                                + "must not be null; Value 'SOMETIMES' at 'invokeMode' failed to satisfy constraint: "
                                + "Member must satisfy enum value set: [RESPONSE_STREAM, BUFFERED]"));
        assertThatThrownBy(() -> service.create("hello", "7", request("NONE", null)))
                .hasMessageContaining("Value '7' at 'qualifier'");
        assertThatThrownBy(() -> service.create("hello:7", null, request("NONE", null)))
                .hasMessageContaining("at 'functionName' failed to satisfy constraint");
        assertThatThrownBy(() -> service.create("hello", null, new UrlWireTypes.UrlConfigRequest("NONE",
                new UrlWireTypes.CorsRequest(null, null, List.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD",
                        "OPTIONS"), null, null, 86_401), null)))
                .hasMessageContaining("'cors.allowMethods'").hasMessageContaining("'cors.maxAge'");

        assertThat(urls.list("hello", null, 50)).isEmpty();
        assertThat(told).isEmpty();
    }

    @Test
    void aDeletedFunctionsUrlsGoAndAStartSweepsTheOnesACrashLeft() {
        createFunction("hello");
        createFunction("left");
        FunctionUrlConfig hello = service.create("hello", null, request("NONE", null));
        FunctionUrlConfig left = service.create("left", null, request("NONE", null));
        told.clear();

        service.functionDeleted("hello");
        functions.delete("left"); // a crash before its URLs were deleted
        service.load();

        assertThat(told).containsExactly("removed " + hello.urlId(), "removed " + left.urlId());
        assertThat(urls.everywhere()).isEmpty();
    }
}
