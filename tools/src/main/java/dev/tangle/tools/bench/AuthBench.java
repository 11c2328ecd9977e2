package dev.tangle.tools.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.tangle.common.auth.JwtVerifier;

/**
 * {@code tangle bench auth}: access-token verifications per second on one thread (the verifier every service
 * runs), and logins per second against a running api-server.
 *
 * <pre>
 * tangle bench auth [--api URL] [--seconds N] [--threads N] [--verify-only]
 * </pre>
 * The api URL defaults to {@code TANGLE_API_URL} of {@code .tangle/dev.env}, else http://127.0.0.1:8080.
 * Logins are argon2id-bound (19 MiB, t=2) and limited per IP: run the server with a high
 * {@code TANGLE_RATELIMIT_LOGIN_PER_IP} for this benchmark; 429 answers are counted separately.
 */
public final class AuthBench {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    private AuthBench() {
    }

    public static void main(String[] args) throws Exception {
        run(List.of(args));
    }

    public static void run(List<String> args) throws Exception {
        int seconds = Integer.parseInt(option(args, "--seconds").orElse("5"));
        int threads = Integer.parseInt(option(args, "--threads").orElse(String.valueOf(Runtime.getRuntime().availableProcessors())));
        String api = option(args, "--api").or(AuthBench::devEnvApiUrl).orElse("http://127.0.0.1:8080");

        double verifications = verificationsPerSecond(Duration.ofSeconds(seconds));
        System.out.printf("%-42s %12s%n", "measure", "per second");
        System.out.printf("%-42s %12.0f%n", "token verifications (RS256, 1 thread)", verifications);
        if (args.contains("--verify-only")) {
            return;
        }
        LoginResult logins = loginsPerSecond(URI.create(api), threads, Duration.ofSeconds(seconds));
        System.out.printf("%-42s %12.1f%n", "logins (argon2id, " + threads + " threads)", logins.perSecond());
        System.out.printf("%-42s %12d%n", "  logins answered 429 (rate limited)", logins.limited());
        System.out.printf("%-42s %12d%n", "  other failures", logins.failed());
    }

    /**
     * Single-threaded verification of one valid token: parse, RS256 signature check, claims — every time (the
     * verifier's memory of verified tokens is switched off, so this is the cost of a token seen for the first time).
     */
    static double verificationsPerSecond(Duration duration) throws JOSEException {
        RSAKey key = new RSAKeyGenerator(2048).keyID("bench").generate();
        JwtVerifier verifier = new JwtVerifier("tangle", "tangle", kid -> Optional.of(key.toPublicJWK()), 0);
        Instant now = Instant.now();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("bench").build(),
                new JWTClaimsSet.Builder().issuer("tangle").audience("tangle").subject(UUID.randomUUID().toString())
                        .issueTime(Date.from(now)).notBeforeTime(Date.from(now))
                        .expirationTime(Date.from(now.plus(Duration.ofMinutes(15)))).jwtID("j").build());
        jwt.sign(new RSASSASigner(key));
        String token = jwt.serialize();
        loop(verifier, token, Duration.ofSeconds(2));
        long start = System.nanoTime();
        long count = loop(verifier, token, duration);
        return count / ((System.nanoTime() - start) / 1e9);
    }

    private static long loop(JwtVerifier verifier, String token, Duration duration) {
        long end = System.nanoTime() + duration.toNanos();
        long count = 0;
        while (System.nanoTime() < end) {
            for (int i = 0; i < 100; i++) {
                verifier.verify(token);
            }
            count += 100;
        }
        return count;
    }

    record LoginResult(double perSecond, long limited, long failed) {
    }

    static LoginResult loginsPerSecond(URI api, int threads, Duration duration) throws Exception {
        String handle = "bench_" + UUID.randomUUID().toString().substring(0, 8);
        String body = "{\"handle\":\"" + handle + "\",\"password\":\"bench password 1\"}";
        int registered = post(api.resolve("/v1/auth/register"), body);
        if (registered != 201) {
            throw new IllegalStateException("Cannot register a benchmark user at " + api + ": HTTP " + registered);
        }
        AtomicLong ok = new AtomicLong();
        AtomicLong limited = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        long end = System.nanoTime() + duration.toNanos();
        long start = System.nanoTime();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            workers.add(Thread.ofPlatform().start(() -> {
                while (System.nanoTime() < end) {
                    int status = post(api.resolve("/v1/auth/login"), body);
                    (status == 200 ? ok : status == 429 ? limited : failed).incrementAndGet();
                }
            }));
        }
        for (Thread worker : workers) {
            worker.join();
        }
        return new LoginResult(ok.get() / ((System.nanoTime() - start) / 1e9), limited.get(), failed.get());
    }

    private static int post(URI uri, String json) {
        try {
            return HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static Optional<String> option(List<String> args, String name) {
        int i = args.indexOf(name);
        return i >= 0 && i + 1 < args.size() ? Optional.of(args.get(i + 1)) : Optional.empty();
    }

    private static Optional<String> devEnvApiUrl() {
        return Optional.ofNullable(DevEnv.fileVariables().get("TANGLE_API_URL"));
    }
}
