package dev.tangle.api.identity;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.nimbusds.jose.jwk.RSAKey;

/**
 * Rotates the signing keys of a key file without downtime (docs/adr/0010): {@code add} publishes a new key
 * without signing with it, {@code promote} makes it sign, {@code retire} removes an old key once every token
 * it signed has expired. Restart (or roll) the api-server instances after each step.
 *
 * <pre>
 * java -cp 'api-server/target/classes:api-server/target/libs/*' dev.tangle.api.identity.KeyRotation FILE list
 * ... FILE add | FILE add-first | FILE promote KID | FILE retire KID
 * </pre>
 */
public final class KeyRotation {

    private KeyRotation() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            System.err.println("usage: KeyRotation <jwk-set file> list | add | add-first | promote <kid> | retire <kid>");
            System.exit(2);
        }
        Path file = Path.of(args[0]);
        SigningKeys keys = SigningKeys.parse(Files.readString(file), file.toString());
        SigningKeys changed = switch (args[1]) {
            case "list" -> keys;
            case "add" -> add(keys, false);
            case "add-first" -> add(keys, true);
            case "promote" -> promote(keys, argument(args));
            case "retire" -> retire(keys, argument(args));
            default -> throw new IllegalArgumentException("unknown command " + args[1]);
        };
        if (changed != keys) {
            changed.write(file);
        }
        for (int i = 0; i < changed.keys().size(); i++) {
            System.out.println(changed.keys().get(i).getKeyID() + (i == 0 ? "  signing" : "  verifying"));
        }
    }

    /** A new key at the end (published and verifying only) or at the front (signing at once). */
    public static SigningKeys add(SigningKeys keys, boolean first) {
        List<RSAKey> list = new ArrayList<>(keys.keys());
        list.add(first ? 0 : list.size(), SigningKeys.generate());
        return SigningKeys.of(list);
    }

    /** Moves key {@code kid} to the front, so it signs new tokens. */
    public static SigningKeys promote(SigningKeys keys, String kid) {
        RSAKey key = find(keys, kid);
        List<RSAKey> list = new ArrayList<>(keys.keys());
        list.remove(key);
        list.addFirst(key);
        return SigningKeys.of(list);
    }

    /** Removes key {@code kid}; the signing key cannot be retired. */
    public static SigningKeys retire(SigningKeys keys, String kid) {
        RSAKey key = find(keys, kid);
        if (key == keys.current()) {
            throw new IllegalArgumentException("key " + kid + " signs new tokens; promote another key first");
        }
        List<RSAKey> list = new ArrayList<>(keys.keys());
        list.remove(key);
        return SigningKeys.of(list);
    }

    private static RSAKey find(SigningKeys keys, String kid) {
        return keys.keys().stream().filter(k -> kid.equals(k.getKeyID())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no key " + kid + " in the set"));
    }

    private static String argument(String[] args) {
        if (args.length < 3) {
            throw new IllegalArgumentException(args[1] + " needs a key id");
        }
        return args[2];
    }
}
