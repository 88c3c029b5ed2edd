package fr.beta.guichet.provider.ovh;

/** The record types OVH accepts in a DNS zone (its {@code zone.NamedResolutionFieldTypeEnum}). */
public enum DnsRecordType {
    A,
    AAAA,
    CAA,
    CNAME,
    DKIM,
    DMARC,
    DNAME,
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
