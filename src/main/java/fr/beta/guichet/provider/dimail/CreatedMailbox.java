package fr.beta.guichet.provider.dimail;

import java.util.Objects;

/**
 * Dimail's answer to a mailbox creation: the address and the password it generated, given this once. Hand the
 * password straight to the one-time secret store; {@link #toString()} never shows it.
 */
public final class CreatedMailbox {

    private final String email;
    private final String password;

    public CreatedMailbox(String email, String password) {
        this.email = Objects.requireNonNull(email);
        this.password = Objects.requireNonNull(password);
    }

    public String email() {
        return email;
    }

    public String password() {
        return password;
    }

    @Override
    public String toString() {
        return "CreatedMailbox[email=" + email + ", password=(hidden)]";
    }
}
