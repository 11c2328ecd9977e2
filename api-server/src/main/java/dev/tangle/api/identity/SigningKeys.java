package dev.tangle.api.identity;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import dev.tangle.common.auth.JwtVerifier;
import dev.tangle.common.config.ConfigException;
import dev.tangle.common.id.Ids;

/**
 * The RS256 signing keys (RSA 2048; docs/adr/0010): the first key of the set signs, every key verifies. Rotation is adding a new key at
 * the front and removing the old one once its tokens have expired (see docs/adr). The set comes from
 * {@code TANGLE_JWT_KEYS} or a file that is created with one fresh key on first start.
 */
public final class SigningKeys implements JwtVerifier.KeySource {

    private final List<RSAKey> keys;
    private final java.util.Map<String, JWK> publicKeys;

    private SigningKeys(List<RSAKey> keys) {
        if (keys.isEmpty()) {
            throw new ConfigException("Invalid configuration tangle.jwt.keys: the JWK set holds no RSA private key");
        }
        this.keys = List.copyOf(keys);
        this.publicKeys = keys.stream().collect(java.util.stream.Collectors.toUnmodifiableMap(
                RSAKey::getKeyID, k -> (JWK) k.toPublicJWK(), (a, b) -> a));
    }

    public static SigningKeys load(IdentityConfig config) {
        if (config.keysJson().isPresent()) {
            return parse(config.keysJson().get(), "tangle.jwt.keys (env TANGLE_JWT_KEYS)");
        }
        Path file = config.keysFile();
        try {
            if (!Files.exists(file)) {
                SigningKeys created = new SigningKeys(List.of(generate()));
                created.write(file);
                return created;
            }
            SigningKeys existing = parse(Files.readString(file), "tangle.jwt.keys-file " + file);
            if (existing == null) {
                // a dev file of an older format: start signing with a new RSA key, keep the old ones verifying
                existing = new SigningKeys(List.of(generate()));
                existing.write(file);
            }
            return existing;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the signing key file " + file, e);
        }
    }

    /** A new RSA 2048 key with a fresh {@code kid}. */
    public static RSAKey generate() {
        try {
            return new RSAKeyGenerator(2048)
                    .keyID(Ids.newId().toString())
                    .keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.RS256)
                    .generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot generate an RSA key", e);
        }
    }

    public static SigningKeys parse(String json, String source) {
        try {
            List<RSAKey> keys = new ArrayList<>();
            for (JWK jwk : JWKSet.parse(json).getKeys()) {
                if (jwk instanceof RSAKey rsa && rsa.isPrivate()) {
                    keys.add(rsa);
                }
            }
            if (keys.isEmpty() && source.startsWith("tangle.jwt.keys-file")) {
                return null;
            }
            return new SigningKeys(keys);
        } catch (ParseException e) {
            throw new ConfigException("Invalid configuration " + source + ": not a JWK set (" + e.getMessage() + ")");
        }
    }

    /** Writes the private set, readable by the owner only. */
    public void write(Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "jwt-keys", ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(tmp, new JWKSet(new ArrayList<>(keys)).toString(false));
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /** The key that signs new tokens. */
    public RSAKey current() {
        return keys.getFirst();
    }

    /** The public keys, for {@code /.well-known/jwks.json}, each with {@code kid}, {@code alg} and {@code use}. */
    public JWKSet publicSet() {
        return new JWKSet(keys.stream().map(k -> (JWK) new RSAKey.Builder(k.toPublicJWK())
                .keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256).build()).toList());
    }

    /** Every key, the signing one first. */
    public List<RSAKey> keys() {
        return keys;
    }

    /** Another set of keys, for rotation. */
    public static SigningKeys of(List<RSAKey> keys) {
        return new SigningKeys(keys);
    }

    @Override
    public Optional<JWK> key(String kid) {
        return Optional.ofNullable(publicKeys.get(kid));
    }
}
