package dev.originedge.edgeauth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Placeholder until the verifier lands: only the header format. */
public final class EdgeAuthVerifier {

    private EdgeAuthVerifier() {
    }

    public static String header(String secret, long epochSecond, String pop) {
        String message = epochSecond + "," + pop;
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return message + ", " + Base64.getEncoder().encodeToString(
                    mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
