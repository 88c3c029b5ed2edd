package fr.beta.guichet.subdomain;

import fr.beta.guichet.provider.ovh.DnsRecordType;

/** The record types a startup may ask for (the zone's NS, SOA and DKIM stay with the admins). */
public enum SubdomainRecordType {
    CNAME, A, AAAA, TXT, MX;

    DnsRecordType toDns() {
        return DnsRecordType.valueOf(name());
    }
}
