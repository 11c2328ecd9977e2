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
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import dev.tangle.api.ApiConfig.IdentityConfig;
import dev.tangle.common.auth.JwtVerifier;
import dev.tangle.common.config.ConfigException;
import dev.tangle.common.id.Ids;

/**
 * The ES256 signing keys: the first key of the set signs, every key verifies. Rotation is adding a new key at
 * the front and removing the old one once its tokens have expired (see docs/adr). The set comes from
 * {@code TANGLE_JWT_KEYS} or a file that is created with one fresh key on first start.
 */
public final class SigningKeys implements JwtVerifier.KeySource {

    private final List<ECKey> keys;

    private SigningKeys(List<ECKey> keys) {
        if (keys.isEmpty()) {
            throw new ConfigException("Invalid configuration tangle.jwt.keys: the JWK set holds no EC P-256 key");
        }
        this.keys = List.copyOf(keys);
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
            return parse(Files.readString(file), "tangle.jwt.keys-file " + file);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the signing key file " + file, e);
        }
    }

    /** A new P-256 key with a fresh {@code kid}. */
    public static ECKey generate() {
        try {
            return new ECKeyGenerator(Curve.P_256)
                    .keyID(Ids.newId().toString())
                    .keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.ES256)
                    .generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot generate an EC key", e);
        }
    }

    public static SigningKeys parse(String json, String source) {
        try {
            List<ECKey> keys = new ArrayList<>();
            for (JWK jwk : JWKSet.parse(json).getKeys()) {
                if (jwk instanceof ECKey ec && ec.isPrivate() && Curve.P_256.equals(ec.getCurve())) {
                    keys.add(ec);
                }
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
    public ECKey current() {
        return keys.getFirst();
    }

    /** The public keys, for {@code /.well-known/jwks.json}, each with {@code kid}, {@code alg} and {@code use}. */
    public JWKSet publicSet() {
        return new JWKSet(keys.stream().map(k -> (JWK) new ECKey.Builder(k.toPublicJWK())
                .keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.ES256).build()).toList());
    }

    /** Every key, the signing one first. */
    public List<ECKey> keys() {
        return keys;
    }

    /** Another set of keys, for rotation. */
    public static SigningKeys of(List<ECKey> keys) {
        return new SigningKeys(keys);
    }

    @Override
    public Optional<JWK> key(String kid) {
        return keys.stream().filter(k -> kid.equals(k.getKeyID())).map(k -> (JWK) k.toPublicJWK()).findFirst();
    }
}
