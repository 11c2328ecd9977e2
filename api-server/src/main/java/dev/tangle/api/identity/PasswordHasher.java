package dev.tangle.api.identity;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;

/**
 * argon2id at OWASP's minimum (m = 19 MiB, t = 2, p = 1). Unknown handles are checked against a dummy hash so
 * that a failed login takes as long whether or not the handle exists.
 */
public final class PasswordHasher {

    private static final Argon2Function ARGON2 = Argon2Function.getInstance(19 * 1024, 2, 1, 32, Argon2.ID);

    private final String dummyHash = hash("tangle-dummy-password-for-timing");

    public String hash(String password) {
        return Password.hash(password).addRandomSalt(16).with(ARGON2).getResult();
    }

    public boolean matches(String password, String hash) {
        return Password.check(password, hash).with(Argon2Function.getInstanceFromHash(hash));
    }

    /** Spends the time of one verification, for unknown handles. */
    public void burn(String password) {
        matches(password, dummyHash);
    }
}
