package fr.beta.guichet.dnsdelegation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The name server and DS rules of a delegation request, field by field. */
class DnsDelegationRequestTests {

    private static final Validator VALIDATOR = Validation.buildDefaultValidatorFactory().getValidator();
    private static final String SHA1 = "a".repeat(40);
    private static final String SHA256 = "0123456789abcdef".repeat(4);
    private static final String SHA384 = "F".repeat(96);

    @ParameterizedTest
    @ValueSource(strings = {"12345 13 2 <sha256>", "0 8 1 <sha1>", "65535 16 4 <sha384>", "7 10 2 <sha256>",
            "7 14 2 <sha256>", "7 15 2 <sha256>"})
    void validDsRecordsAreAccepted(String line) {
        String ds = expand(line);
        assertThat(DsRecord.problem(ds)).isEmpty();
        assertThat(violations("ns1.example.org\nns2.example.org", ds)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "65536 13 2 <sha256>| KEY_TAG",
            "-1 13 2 <sha256>| SHAPE",
            "12345 7 2 <sha256>| ALGORITHM",
            "12345 5 2 <sha256>| ALGORITHM",
            "12345 13 3 <sha256>| DIGEST_TYPE",
            "12345 13 1 <sha256>| DIGEST",
            "12345 13 2 <sha1>| DIGEST",
            "12345 13 4 <sha256>| DIGEST",
            "12345 13 2 g123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef| DIGEST",
            "12345 13 2| SHAPE",
            "douze 13 2 <sha256>| SHAPE"})
    void invalidDsRecordsAreRefusedWithTheirReason(String line, DsRecord.Problem expected) {
        String ds = expand(line);
        assertThat(DsRecord.problem(ds)).contains(expected);
        assertThat(violations("ns1.example.org\nns2.example.org", ds)).singleElement().satisfies(v -> {
            assertThat(v.getPropertyPath()).hasToString("dsRecords");
            assertThat(v.getMessageTemplate()).isEqualTo("{" + expected.messageKey + "}");
        });
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "ns1.example.org| {dnsdelegation.nameServers.count}",
            "a.example.org b.example.org c.example.org d.example.org e.example.org f.example.org g.example.org "
                    + "h.example.org i.example.org| {dnsdelegation.nameServers.count}",
            "ns1.example.org ns1|{dnsdelegation.nameServers.host}",
            "ns1.example.org -bad.example.org|{dnsdelegation.nameServers.host}",
            "ns1.example.org 192.0.2.1|{dnsdelegation.nameServers.host}",
            "ns1.example.org NS1.example.org.|{dnsdelegation.nameServers.distinct}"})
    void nameServersAreTwoToEightDistinctHostNames(String nameServers, String message) {
        assertThat(violations(nameServers, null)).singleElement().satisfies(v -> {
            assertThat(v.getPropertyPath()).hasToString("nameServers");
            assertThat(v.getMessageTemplate()).isEqualTo(message);
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"ns1.example.org ns2.example.org", "ns1.example.org,ns2.example.net.",
            "a.example.org\nb.example.org\nc.example.org\nd.example.org\ne.example.org\nf.example.org\ng.example.org\nh.example.org"})
    void twoToEightHostNamesAreAccepted(String nameServers) {
        assertThat(violations(nameServers, "")).isEmpty();
    }

    private static String expand(String line) {
        return line.replace("<sha1>", SHA1).replace("<sha256>", SHA256).replace("<sha384>", SHA384);
    }

    private static Set<ConstraintViolation<DnsDelegationRequest>> violations(String nameServers, String ds) {
        return VALIDATOR.validate(new DnsDelegationRequest("monservice", nameServers, ds, "Startup", "Raison"));
    }
}
