package fr.beta.guichet.dnsdelegation;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import fr.beta.guichet.request.spi.FormText;
import fr.beta.guichet.request.spi.RequestReason;
import fr.beta.guichet.request.spi.StartupName;

/**
 * A DNS delegation request as the requester typed it, stored as the process variable {@code request}.
 *
 * @param label       the DNS label under the zone: RFC 1123, lowercase, 1–63 characters
 * @param nameServers the startup's name servers, one per line (or separated by spaces or commas): 2 to 8
 *                    distinct fully qualified host names
 * @param dsRecords   optional DS records for DNSSEC, one per line: {@code keyTag algorithm digestType digest}
 * @param startup     the startup asking
 * @param reason      why it is needed, for the admins
 */
@ValidDelegation
public record DnsDelegationRequest(
        @NotBlank(message = "{dnsdelegation.label.required}")
        @Size(max = 63, message = "{dnsdelegation.label.size}")
        @Pattern(regexp = "^$|^[a-z0-9]([a-z0-9-]*[a-z0-9])?$", message = "{dnsdelegation.label.pattern}")
        String label,
        @NotBlank(message = "{dnsdelegation.nameServers.required}")
        @Size(max = 2100, message = "{dnsdelegation.nameServers.size}")
        String nameServers,
        @Size(max = 1000, message = "{dnsdelegation.dsRecords.size}")
        String dsRecords,
        @StartupName
        String startup,
        @RequestReason
        String reason) {

    public DnsDelegationRequest {
        label = FormText.trim(label);
        nameServers = FormText.trim(nameServers);
        dsRecords = FormText.optional(dsRecords);
        startup = FormText.trim(startup);
        reason = FormText.trim(reason);
    }

    /** The name servers as typed, lower case, without a final dot. */
    List<String> nameServerList() {
        if (nameServers == null || nameServers.isBlank()) {
            return List.of();
        }
        return Arrays.stream(nameServers.trim().split("[\\s,;]+"))
                .map(host -> host.toLowerCase(Locale.ROOT))
                .map(host -> host.endsWith(".") ? host.substring(0, host.length() - 1) : host)
                .toList();
    }

    /** The DS lines as typed, blank lines left out. */
    List<String> dsLines() {
        if (dsRecords == null) {
            return List.of();
        }
        return dsRecords.lines().map(String::trim).filter(line -> !line.isEmpty()).toList();
    }

    /** The DS records; only for a valid request. */
    List<DsRecord> dsRecordList() {
        return dsLines().stream().map(DsRecord::parse).toList();
    }

    static DnsDelegationRequest blank() {
        return new DnsDelegationRequest("", "", "", "", "");
    }
}
