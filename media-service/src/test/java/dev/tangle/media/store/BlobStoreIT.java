package dev.tangle.media.store;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Random;

import org.gaul.s3proxy.junit.S3ProxyExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** The same contract against the local store and S3 (S3Proxy in-process on a filesystem store: the real protocol). */
class BlobStoreIT {

    @RegisterExtension
    final S3ProxyExtension s3proxy = S3ProxyExtension.builder().withCredentials("tangle-access", "tangle-secret")
            .withBlobStoreProvider("filesystem").build();

    @TempDir
    Path dir;

    private BlobStore s3;

    @AfterEach
    void close() {
        if (s3 != null) {
            s3.close();
        }
    }

    @Test
    void localStoreKeepsTheContract() throws Exception {
        contract(new LocalBlobStore(dir.resolve("blobs")));
    }

    @Test
    void s3StoreKeepsTheContract() throws Exception {
        s3 = new S3BlobStore(Optional.of(s3proxy.getUri()), "us-east-1", "tangle-media", "tangle-access", "tangle-secret");
        contract(s3);
    }

    private void contract(BlobStore store) throws Exception {
        byte[] bytes = new byte[300_000];
        new Random(1).nextBytes(bytes);
        Path file = Files.write(dir.resolve("f.bin"), bytes);
        store.put("media/a/original", file, "image/jpeg");
        store.put("media/a/thumb", file, "image/jpeg");
        store.put("uploads/u/0000000000000000", file, "application/octet-stream");

        assertThat(store.stat("media/a/original")).get().extracting(BlobStore.BlobInfo::size).isEqualTo(300_000L);
        assertThat(store.stat("media/a/missing")).isEmpty();
        try (InputStream in = store.open("media/a/original", 1000, 500)) {
            assertThat(in.readAllBytes()).isEqualTo(java.util.Arrays.copyOfRange(bytes, 1000, 1500));
        }
        Path copy = dir.resolve("copy.bin");
        store.download("media/a/thumb", copy);
        assertThat(Files.readAllBytes(copy)).isEqualTo(bytes);
        assertThat(store.list("media/")).extracting(BlobStore.BlobInfo::key).containsExactly("media/a/original", "media/a/thumb");

        store.deleteAll("media/a/");
        store.delete("media/a/never-there");
        assertThat(store.list("media/")).isEmpty();
        assertThat(store.list("uploads/")).hasSize(1);
    }
}
