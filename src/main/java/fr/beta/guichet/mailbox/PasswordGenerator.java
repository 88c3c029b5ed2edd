package fr.beta.guichet.mailbox;

import java.security.SecureRandom;

import org.springframework.stereotype.Component;

/**
 * Strong random passwords that OVH accepts (9–30 printable ASCII characters, no accent, no space): 20 characters
 * with at least one lowercase, one uppercase, one digit and one symbol, drawn with {@link SecureRandom}.
 * Ambiguous characters (0/O, 1/l/I) are left out: the requester copies it once.
 */
@Component
class PasswordGenerator {

    private static final String LOWER = "abcdefghijkmnopqrstuvwxyz";
    private static final String UPPER = "ABCDEFGHJKLMNPQRSTUVWXYZ";
    private static final String DIGITS = "23456789";
    private static final String SYMBOLS = "-_.!@#%+=";
    private static final String ALL = LOWER + UPPER + DIGITS + SYMBOLS;
    static final int LENGTH = 20;

    private final SecureRandom random = new SecureRandom();

    String generate() {
        char[] password = new char[LENGTH];
        password[0] = pick(LOWER);
        password[1] = pick(UPPER);
        password[2] = pick(DIGITS);
        password[3] = pick(SYMBOLS);
        for (int i = 4; i < LENGTH; i++) {
            password[i] = pick(ALL);
        }
        for (int i = LENGTH - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            char t = password[i];
            password[i] = password[j];
            password[j] = t;
        }
        return new String(password);
    }

    private char pick(String alphabet) {
        return alphabet.charAt(random.nextInt(alphabet.length()));
    }
}
