package fr.beta.guichet.provider.ovh;

/**
 * The record types OVH accepts in a DNS zone (its {@code zone.NamedResolutionFieldTypeEnum}), plus {@code DS}: the DS
 * records of a sub-zone delegated from a zone hosted at OVH belong in that parent zone, and OVH's DNS zone API has no
 * DS endpoint for sub-zones ({@code /domain/{domain}/dsRecord} is the registrar's, for the domain itself). Whether
 * OVH's zone accepts {@code fieldType=DS} is <b>unverified</b> (the enum OVH documents for zones lacks it): if OVH
 * refuses it, the 400 is a business refusal and the request goes to manual execution.
 */
public enum DnsRecordType {
    A,
    AAAA,
    CAA,
    CNAME,
    DKIM,
    DMARC,
    DNAME,
    DS,
    LOC,
    MX,
    NAPTR,
    NS,
    PTR,
    SPF,
    SRV,
    SSHFP,
    TLSA,
    TXT;

    /** Types whose target is free text, where case matters (tokens, keys, policies). */
    boolean isText() {
        return this == TXT || this == SPF || this == DKIM || this == DMARC;
    }
}
