package fr.beta.guichet.provider.ovh;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The OVH request signature: {@code "$1$" + sha1_hex(AS+"+"+CK+"+"+METHOD+"+"+fullUrl+"+"+body+"+"+timestamp)},
 * as python-ovh and node-ovh compute it. The URL includes the query string and the body is the exact text sent.
 */
public final class OvhSignature {

    private OvhSignature() {
    }

    /**
     * @param body the exact body sent, {@code null} or empty when there is none
     */
    public static String sign(String appSecret, String consumerKey, String method, String fullUrl, String body,
            long timestamp) {
        String toSign = String.join("+", appSecret, consumerKey, method, fullUrl, body == null ? "" : body,
                Long.toString(timestamp));
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1").digest(toSign.getBytes(StandardCharsets.UTF_8));
            return "$1$" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is required of every Java platform", e);
        }
    }
}
