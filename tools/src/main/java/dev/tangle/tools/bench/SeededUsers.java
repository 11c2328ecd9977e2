package dev.tangle.tools.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.tangle.tools.bench.TangleSetup.User;

/**
 * Bench users for large runs on the dev stack only: rows inserted straight into {@code api.users} (handles
 * {@code <prefix>_<n>}, a password hash nothing verifies) and access tokens signed with the dev stack's own key
 * file ({@code .tangle/jwt-keys.json}), so 10,000 users take seconds instead of argon2id's minutes.
 * Like {@code bench feed} it needs the dev database ({@code TANGLE_DB_*} of .tangle/dev.env).
 */
final class SeededUsers {

    private SeededUsers() {
    }

    static Path defaultKeysFile() {
        return Path.of(".tangle", "jwt-keys.json"); // the launcher moves a key file older launchers nested deeper
    }

    static List<User> seed(Map<String, String> vars, Path keysFile, String prefix, int n) throws Exception {
        RSAKey key = JWKSet.parse(Files.readString(keysFile)).getKeys().getFirst().toRSAKey();
        RSASSASigner signer = new RSASSASigner(key);
        Map<String, UUID> ids = new HashMap<>();
        try (Connection db = DriverManager.getConnection(vars.get("TANGLE_DB_URL"), vars.get("TANGLE_DB_USER"),
                vars.getOrDefault("TANGLE_DB_PASSWORD", ""))) {
            try (PreparedStatement insert = db.prepareStatement("INSERT INTO api.users (id, handle, display_name, password_hash) "
                    + "SELECT gen_random_uuid(), h, h, '!' FROM unnest(?::text[]) AS t(h) ON CONFLICT DO NOTHING")) {
                List<String> handles = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    handles.add(prefix + "_" + i);
                }
                insert.setArray(1, db.createArrayOf("text", handles.toArray()));
                insert.executeUpdate();
            }
            try (PreparedStatement select = db.prepareStatement("SELECT id, handle FROM api.users WHERE handle LIKE ?")) {
                select.setString(1, prefix + "\\_%");
                ResultSet rs = select.executeQuery();
                while (rs.next()) {
                    ids.put(rs.getString(2), rs.getObject(1, UUID.class));
                }
            }
        }
        Instant now = Instant.now();
        List<User> users = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String handle = prefix + "_" + i;
            UUID id = ids.get(handle);
            JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(vars.getOrDefault("TANGLE_JWT_ISSUER", "tangle"))
                    .audience(vars.getOrDefault("TANGLE_JWT_AUDIENCE", "tangle")).subject(id.toString())
                    .issueTime(Date.from(now)).notBeforeTime(Date.from(now))
                    .expirationTime(Date.from(now.plus(Duration.ofMinutes(14)))).jwtID(UUID.randomUUID().toString()).build();
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID())
                    .type(JOSEObjectType.JWT).build(), claims);
            jwt.sign(signer);
            users.add(new User(handle, null, id.toString(), null, jwt.serialize()));
        }
        return users;
    }
}
