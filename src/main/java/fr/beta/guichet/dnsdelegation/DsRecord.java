package fr.beta.guichet.dnsdelegation;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A DS record of a delegated zone (RFC 4034 §5), as the requester writes it: {@code keyTag algorithm digestType
 * digest}, e.g. {@code 12345 13 2 49FD46E6C4B45C55D4AC…}. It goes into the parent zone at the delegated name, as a
 * record of type DS whose target is that text.
 *
 * @param keyTag     0 to 65535
 * @param algorithm  an algorithm of the IANA DNSSEC list still recommended for signing: 8 (RSA/SHA-256), 10
 *                   (RSA/SHA-512), 13 (ECDSA P-256), 14 (ECDSA P-384), 15 (Ed25519), 16 (Ed448)
 * @param digestType 1 (SHA-1), 2 (SHA-256) or 4 (SHA-384)
 * @param digest     hexadecimal, upper case, of the digest type's length: 40, 64 or 96 characters
 */
record DsRecord(int keyTag, int algorithm, int digestType, String digest) {

    static final Set<Integer> ALGORITHMS = Set.of(8, 10, 13, 14, 15, 16);
    static final Map<Integer, Integer> DIGEST_LENGTHS = Map.of(1, 40, 2, 64, 4, 96);
    private static final Pattern HEX = Pattern.compile("^[0-9A-Fa-f]+$");
    private static final Pattern NUMBER = Pattern.compile("^\\d{1,9}$");

    /** What is wrong with one line, as a message key of {@code messages.properties}. */
    enum Problem {
        SHAPE("dnsdelegation.ds.shape"),
        KEY_TAG("dnsdelegation.ds.keyTag"),
        ALGORITHM("dnsdelegation.ds.algorithm"),
        DIGEST_TYPE("dnsdelegation.ds.digestType"),
        DIGEST("dnsdelegation.ds.digest");

        final String messageKey;

        Problem(String messageKey) {
            this.messageKey = messageKey;
        }
    }

    /** The record's text in the zone: {@code keyTag algorithm digestType DIGEST}. */
    String target() {
        return keyTag + " " + algorithm + " " + digestType + " " + digest;
    }

    /** Parses one line; the problem of an invalid one. */
    static Optional<Problem> problem(String line) {
        String[] fields = line.trim().split("\\s+");
        if (fields.length != 4 || !NUMBER.matcher(fields[0]).matches() || !NUMBER.matcher(fields[1]).matches()
                || !NUMBER.matcher(fields[2]).matches()) {
            return Optional.of(Problem.SHAPE);
        }
        if (Integer.parseInt(fields[0]) > 65535) {
            return Optional.of(Problem.KEY_TAG);
        }
        if (!ALGORITHMS.contains(Integer.parseInt(fields[1]))) {
            return Optional.of(Problem.ALGORITHM);
        }
        Integer length = DIGEST_LENGTHS.get(Integer.parseInt(fields[2]));
        if (length == null) {
            return Optional.of(Problem.DIGEST_TYPE);
        }
        if (fields[3].length() != length || !HEX.matcher(fields[3]).matches()) {
            return Optional.of(Problem.DIGEST);
        }
        return Optional.empty();
    }

    /** A valid line (see {@link #problem}) as a record. */
    static DsRecord parse(String line) {
        if (problem(line).isPresent()) {
            throw new IllegalArgumentException("invalid DS record");
        }
        String[] fields = line.trim().split("\\s+");
        return new DsRecord(Integer.parseInt(fields[0]), Integer.parseInt(fields[1]), Integer.parseInt(fields[2]),
                fields[3].toUpperCase(Locale.ROOT));
    }
}
