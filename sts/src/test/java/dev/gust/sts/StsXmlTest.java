package dev.gust.sts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gust.edge.Caller;
import dev.gust.edge.OperationKind;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

class StsXmlTest {

    @Test
    void writesGetCallerIdentityAsAwsShapesIt() {
        Caller root = new Caller("000000000000", "arn:aws:iam::000000000000:root", "000000000000",
                "AKGUEXAMPLE0000000000", OperationKind.WRITE, null);

        assertThat(StsXml.callerIdentity(root, "01234567-89ab-cdef-0123-456789abcdef")).isEqualTo("""
                <GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
                  <GetCallerIdentityResult>
                    <Arn>arn:aws:iam::000000000000:root</Arn>
                    <UserId>000000000000</UserId>
                    <Account>000000000000</Account>
                  </GetCallerIdentityResult>
                  <ResponseMetadata>
                    <RequestId>01234567-89ab-cdef-0123-456789abcdef</RequestId>
                  </ResponseMetadata>
                </GetCallerIdentityResponse>
                """);
    }

    @Test
    void writesAssumeRoleWithCredentialsAndTheAssumedRoleUser() throws Exception {
        SessionTokens tokens = new SessionTokens("server-secret-for-the-tests", () -> Instant.parse("2026-12-07T12:00:00.5Z"));
        SessionTokens.IssuedSession issued = tokens.issue(RoleArn.find("arn:aws:iam::000000000000:role/r").orElseThrow(),
                "s1", OperationKind.DATA, Duration.ofSeconds(900));

        Element result = result(StsXml.assumeRole(issued, 6, "req-1"), "AssumeRole");

        assertThat(text(result, "AccessKeyId")).isEqualTo(issued.credentials().accessKeyId());
        assertThat(text(result, "SecretAccessKey")).isEqualTo(issued.credentials().secretAccessKey());
        assertThat(text(result, "SessionToken")).isEqualTo(issued.credentials().sessionToken());
        assertThat(text(result, "Expiration")).isEqualTo("2026-12-07T12:15:00Z");
        assertThat(text(result, "AssumedRoleId")).isEqualTo(issued.session().assumedRoleId());
        assertThat(text(result, "Arn")).isEqualTo("arn:aws:sts::000000000000:assumed-role/r/s1");
        assertThat(text(result, "PackedPolicySize")).isEqualTo("6");
        assertThat(result(StsXml.assumeRole(issued, null, "req-1"), "AssumeRole")
                .getElementsByTagNameNS(StsXml.NAMESPACE, "PackedPolicySize").getLength()).isZero();
    }

    @Test
    void escapesTextThatIsNotXml() {
        assertThat(StsXml.escape("a<b>&\"c'")).isEqualTo("a&lt;b&gt;&amp;&quot;c&apos;");
    }

    /** The {@code <XResult>} element, checking that the document is namespaced and carries the request id. */
    static Element result(String xml, String operation) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        Document document = factory.newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        Element root = document.getDocumentElement();
        assertThat(root.getNamespaceURI()).isEqualTo(StsXml.NAMESPACE);
        assertThat(root.getLocalName()).isEqualTo(operation + "Response");
        assertThat(text(root, "RequestId")).isNotBlank();
        return (Element) root.getElementsByTagNameNS(StsXml.NAMESPACE, operation + "Result").item(0);
    }

    static String text(Element parent, String name) {
        return parent.getElementsByTagNameNS(StsXml.NAMESPACE, name).item(0).getTextContent();
    }
}
