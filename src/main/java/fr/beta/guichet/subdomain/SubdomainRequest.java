package fr.beta.guichet.subdomain;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import fr.beta.guichet.request.spi.FormText;
import fr.beta.guichet.request.spi.RequestReason;
import fr.beta.guichet.request.spi.StartupName;

/**
 * A subdomain request as the requester typed it, stored as the process variable {@code request}.
 *
 * @param label      the DNS label under the zone: RFC 1123, lowercase, 1–63 characters
 * @param recordType the record type
 * @param target     what the record points to, checked against the type
 * @param ttl        time to live in seconds
 * @param startup    the startup asking
 * @param reason     why it is needed, for the admins
 */
@ValidSubdomainTarget
public record SubdomainRequest(
        @NotBlank(message = "{subdomain.label.required}")
        @Size(max = 63, message = "{subdomain.label.size}")
        @Pattern(regexp = "^$|^[a-z0-9]([a-z0-9-]*[a-z0-9])?$", message = "{subdomain.label.pattern}")
        String label,
        @NotNull(message = "{subdomain.recordType.required}")
        SubdomainRecordType recordType,
        @NotBlank(message = "{subdomain.target.required}")
        @Size(max = 255, message = "{subdomain.target.size}")
        String target,
        @NotNull(message = "{subdomain.ttl.required}")
        @Min(value = 60, message = "{subdomain.ttl.range}")
        @Max(value = 86400, message = "{subdomain.ttl.range}")
        Integer ttl,
        @StartupName
        String startup,
        @RequestReason
        String reason) {

    public SubdomainRequest {
        label = FormText.trim(label);
        target = FormText.trim(target);
        startup = FormText.trim(startup);
        reason = FormText.trim(reason);
    }

    /** An empty form with the usual defaults. */
    static SubdomainRequest blank() {
        return new SubdomainRequest("", SubdomainRecordType.CNAME, "", 3600, "", "");
    }
}
