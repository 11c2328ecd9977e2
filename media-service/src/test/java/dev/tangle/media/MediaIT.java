package dev.tangle.media;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.drew.imaging.ImageMetadataReader;
import com.drew.metadata.Directory;
import com.drew.metadata.Metadata;
import com.drew.metadata.exif.ExifIFD0Directory;
import com.drew.metadata.exif.GpsDirectory;
import com.drew.metadata.xmp.XmpDirectory;
import com.fasterxml.jackson.databind.JsonNode;
import dev.tangle.common.test.Await;
import dev.tangle.common.test.HttpTestClient;
import dev.tangle.media.support.Bombs;
import dev.tangle.media.support.MediaStack;
import dev.tangle.media.support.MediaStack.User;
import dev.tangle.media.support.TestImages;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Upload → processing → ready → serving against real PostgreSQL, NATS, libvips and api-server: what is served
 * carries no metadata, hostile files are refused without a trace, strangers get 404.
 */
class MediaIT {

    private static MediaStack stack;

    @BeforeAll
    static void start() {
        stack = MediaStack.start(Map.of("TANGLE_MEDIA_URL_TTL", "4s", "TANGLE_MEDIA_MAX_IMAGE_BYTES", "8MiB",
                "TANGLE_MEDIA_MAX_VIDEO_BYTES", "64MiB"));
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void uploadedPhotoBecomesReadyAndNoServedByteCarriesExifOrGps() throws Exception {
        User owner = stack.register("own");
        var created = stack.upload(owner, TestImages.jpegWithExif(1600, 1200), "IMG_0001.jpg", "useLocation=true");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.json().path("status").asText()).isEqualTo("processing");
        assertThat(created.json().path("contentType").asText()).isEqualTo("image/jpeg");
        String id = created.json().path("id").asText();

        JsonNode ready = stack.awaitProcessed(owner, id);
        assertThat(ready.path("status").asText()).isEqualTo("ready");
        try (io.nats.client.Connection nc = io.nats.client.Nats.connect(stack.mediaEnv.get("TANGLE_NATS_URL"))) {
            var sub = nc.jetStream().subscribe("tangle.evt.media." + id + ".ready",
                    io.nats.client.PushSubscribeOptions.builder().ordered(true).build());
            io.nats.client.Message event = sub.nextMessage(Duration.ofSeconds(20));
            assertThat(event).isNotNull();
            JsonNode data = dev.tangle.common.json.Json.tree(event.getData()).path("data");
            assertThat(data.path("ownerId").asText()).isEqualTo(owner.id());
            assertThat(data.path("location").path("lon").asDouble()).isCloseTo(13.405, org.assertj.core.data.Offset.offset(0.001));
        }
        assertThat(ready.path("width").asInt()).isEqualTo(1200); // EXIF orientation 6: upright is portrait
        assertThat(ready.path("height").asInt()).isEqualTo(1600);
        assertThat(ready.path("blurhash").asText()).hasSizeGreaterThan(6);
        assertThat(ready.path("location").path("lat").asDouble()).isCloseTo(52.52, org.assertj.core.data.Offset.offset(0.001));
        JsonNode thumb = ready.path("variants").path("thumb");
        JsonNode display = ready.path("variants").path("display");
        assertThat(thumb.path("width").asInt()).isEqualTo(384);
        assertThat(thumb.path("height").asInt()).isEqualTo(512);
        assertThat(display.path("height").asInt()).isEqualTo(1600);

        for (JsonNode variant : List.of(thumb, display)) {
            byte[] served = stack.fetch(variant.path("url").asText()); // signed URL, no bearer
            Metadata metadata = ImageMetadataReader.readMetadata(new ByteArrayInputStream(served));
            assertThat(metadata.getDirectoriesOfType(GpsDirectory.class)).isEmpty();
            assertThat(metadata.getDirectoriesOfType(ExifIFD0Directory.class)).isEmpty();
            assertThat(metadata.getDirectoriesOfType(XmpDirectory.class)).isEmpty();
            for (Directory d : metadata.getDirectories()) {
                assertThat(d.getName()).doesNotContain("Exif").doesNotContain("GPS").doesNotContain("IPTC");
            }
            assertThat(new String(served, StandardCharsets.ISO_8859_1)).doesNotContain("TangleCam");
        }
    }

    @Test
    void contentHasEtagCacheControlAndRanges() {
        User owner = stack.register("etag");
        String id = stack.upload(owner, TestImages.jpeg(800, 600, 11), "a.jpg", "").json().path("id").asText();
        JsonNode ready = stack.awaitProcessed(owner, id);
        String url = ready.path("variants").path("display").path("url").asText();
        var full = stack.http.send(HttpRequest.newBuilder(URI.create(stack.media.baseUrl() + url)).GET().build());
        assertThat(full.status()).isEqualTo(200);
        String etag = full.header("ETag").orElseThrow();
        assertThat(full.header("Cache-Control").orElseThrow()).startsWith("private, max-age=");
        assertThat(full.header("X-Content-Type-Options")).hasValue("nosniff");
        var again = stack.http.send(HttpRequest.newBuilder(URI.create(stack.media.baseUrl() + url))
                .header("If-None-Match", etag).GET().build());
        assertThat(again.status()).isEqualTo(304);
        var part = stack.http.send(HttpRequest.newBuilder(URI.create(stack.media.baseUrl() + "/v1/media/" + id
                        + "/content?variant=display"))
                .header("Authorization", "Bearer " + owner.token()).header("Range", "bytes=10-19").GET().build());
        assertThat(part.status()).isEqualTo(206);
        assertThat(part.raw().body()).containsExactly(java.util.Arrays.copyOfRange(full.raw().body(), 10, 20));
        assertThat(part.header("Content-Range").orElseThrow()).isEqualTo("bytes 10-19/" + full.raw().body().length);
        var outside = stack.http.send(HttpRequest.newBuilder(URI.create(stack.media.baseUrl() + "/v1/media/" + id
                        + "/content?variant=display"))
                .header("Authorization", "Bearer " + owner.token()).header("Range", "bytes=99999999-").GET().build());
        assertThat(outside.status()).isEqualTo(416);
    }

    @Test
    void multipartUploadTakesTheFilePart() {
        User owner = stack.register("multi");
        String boundary = "tangleboundary42";
        byte[] png = TestImages.png(300, 200);
        var body = new java.io.ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"caption\"\r\n\r\nhello\r\n"
                         + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"p.png\"\r\n"
                         + "Content-Type: image/png\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        body.writeBytes(png);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        var r = stack.http.send(HttpRequest.newBuilder(URI.create(stack.media.baseUrl() + "/v1/media"))
                .header("Authorization", "Bearer " + owner.token())
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build());
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        assertThat(r.json().path("contentType").asText()).isEqualTo("image/png");
        assertThat(r.json().path("size").asLong()).isEqualTo(png.length);
        assertThat(stack.awaitProcessed(owner, r.json().path("id").asText()).path("status").asText()).isEqualTo("ready");
    }

    @Test
    void hostileFilesAreRefusedWithoutATrace() throws Exception {
        User owner = stack.register("hostile");
        long blobsBefore = countFiles();

        var html = stack.upload(owner, "<!doctype html><html><script>alert(document.cookie)</script></html>"
                .getBytes(StandardCharsets.UTF_8), "cat.jpg", "");
        assertThat(html.status()).isEqualTo(415);
        assertThat(html.json().path("code").asText()).isEqualTo("unsupported_media_type");

        byte[] jpeg = TestImages.jpeg(1200, 900, 3);
        var truncated = stack.upload(owner, java.util.Arrays.copyOf(jpeg, jpeg.length / 2), "cut.jpg", "");
        assertThat(truncated.status()).as(truncated.toString()).isEqualTo(422);
        assertThat(truncated.json().path("detail").asText()).contains("truncated");

        var bomb = stack.upload(owner, Bombs.png(30_000, 30_000), "bomb.png", "");
        assertThat(bomb.status()).as(bomb.toString()).isEqualTo(413);
        assertThat(bomb.json().path("detail").asText()).contains("30000×30000");

        // a declared 10 GB body: refused from its headers, before a byte of it is read
        try (Socket socket = new Socket("127.0.0.1", stack.media.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /v1/media?filename=huge.mp4 HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + owner.token()
                       + "\r\nContent-Type: application/octet-stream\r\nContent-Length: 10737418240\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(new byte[4096]);
            out.flush();
            InputStream in = socket.getInputStream();
            String status = new String(in.readNBytes(12), StandardCharsets.US_ASCII);
            assertThat(status).isEqualTo("HTTP/1.1 413");
        }

        var list = stack.get("/v1/media/" + java.util.UUID.randomUUID(), owner);
        assertThat(list.status()).isEqualTo(404);
        assertThat(countFiles()).isEqualTo(blobsBefore); // nothing stored, nothing left in staging
        // the service is unharmed: a good upload still works
        assertThat(stack.upload(owner, TestImages.jpeg(200, 200, 9), "ok.jpg", "").status()).isEqualTo(201);
    }

    @Test
    void strangerCannotReadAPrivatePostsPhotoByIdOrByAnExpiredSignedUrl() {
        User owner = stack.register("priv");
        User stranger = stack.register("stranger");
        String id = stack.upload(owner, TestImages.jpeg(640, 480, 5), "private.jpg", "").json().path("id").asText();
        JsonNode ready = stack.awaitProcessed(owner, id);
        var post = stack.apiHttp.post("/v1/posts", Map.of("text", "just me", "visibility", "private", "mediaIds", List.of(id)),
                owner.token());
        assertThat(post.status()).as(post.toString()).isEqualTo(201);

        assertThat(stack.get("/v1/media/" + id, stranger).status()).isEqualTo(404);
        assertThat(stack.get("/v1/media/" + id + "/content?variant=thumb", stranger).status()).isEqualTo(404);
        assertThat(stack.get("/v1/media/" + id + "/content?variant=original", stranger).status()).isEqualTo(404);
        String url = ready.path("variants").path("thumb").path("url").asText();
        assertThat(stack.get(url, null).status()).isEqualTo(200); // fresh: works without a token
        String forged = url.replaceAll("sig=[^&]+", "sig=AAAA");
        assertThat(stack.get(forged, null).status()).isEqualTo(404);
        Await.until(Duration.ofSeconds(15), "signed URL expired", () -> stack.get(url, null).status() == 404);
        String longer = url.replaceAll("exp=\\d+", "exp=" + (System.currentTimeMillis() / 1000 + 3600));
        assertThat(stack.get(longer, null).status()).isEqualTo(404); // extending the expiry breaks the signature

        // a public post attaching it makes it visible to others; the stranger may not attach it to their own post
        var attach = stack.apiHttp.post("/v1/posts", Map.of("text", "mine now", "visibility", "public", "mediaIds", List.of(id)),
                stranger.token());
        assertThat(attach.status()).isEqualTo(400);
        assertThat(attach.json().path("errors").path(0).path("field").asText()).isEqualTo("mediaIds[0]");
        assertThat(stack.apiHttp.post("/v1/posts", Map.of("text", "look", "visibility", "public", "mediaIds", List.of(id)),
                owner.token()).status()).isEqualTo(201);
        assertThat(stack.get("/v1/media/" + id, stranger).status()).isEqualTo(200);
        assertThat(stack.get("/v1/media/" + id, stranger).json().path("location").isNull()).isTrue();
        assertThat(stack.get("/v1/media/" + id + "/content?variant=original", stranger).status()).isEqualTo(404);
    }

    @Test
    void deletingRemovesTheBytesAndLeavesAPlaceholderForAttachments() throws Exception {
        User owner = stack.register("del");
        String id = stack.upload(owner, TestImages.jpeg(500, 400, 8), "d.jpg", "").json().path("id").asText();
        stack.awaitProcessed(owner, id);
        assertThat(Files.exists(stack.storage.resolve("blobs/media/" + id + "/thumb"))).isTrue();
        var before = stack.apiHttp.post("/v1/posts", Map.of("text", "with photo", "visibility", "public",
                "mediaIds", List.of(id)), owner.token());
        assertThat(before.status()).isEqualTo(201);
        assertThat(before.json().path("attachments").path(0).path("status").asText()).isEqualTo("ready");
        assertThat(before.json().path("attachments").path(0).path("width").asInt()).isEqualTo(500);
        String postId = before.json().path("id").asText();
        User other = stack.register("other");
        assertThat(stack.http.delete("/v1/media/" + id, other.token()).status()).isEqualTo(404);
        assertThat(stack.http.delete("/v1/media/" + id, owner.token()).status()).isEqualTo(204);
        assertThat(stack.get("/v1/media/" + id, owner).status()).isEqualTo(404);
        assertThat(Files.exists(stack.storage.resolve("blobs/media/" + id))
                   && Files.list(stack.storage.resolve("blobs/media/" + id)).findAny().isPresent()).isFalse();
        var post = stack.apiHttp.post("/v1/posts", Map.of("text", "gone", "visibility", "public", "mediaIds", List.of(id)),
                owner.token());
        assertThat(post.status()).isEqualTo(400); // deleted media cannot be attached any more
        JsonNode placeholder = stack.apiHttp.get("/v1/posts/" + postId, other.token()).json().path("attachments").path(0);
        assertThat(placeholder.path("id").asText()).isEqualTo(id);
        assertThat(placeholder.path("status").asText()).isEqualTo("deleted");
        assertThat(placeholder.path("width").isNull()).isTrue();
    }

    @Test
    void aTusUploadCutInTheMiddleResumesAndCompletes() throws Exception {
        User owner = stack.register("tus");
        byte[] file = TestImages.jpeg(1500, 1000, 21);
        var options = stack.http.send(HttpRequest.newBuilder(URI.create(stack.media.baseUrl() + "/v1/uploads"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build());
        assertThat(options.header("Tus-Version")).hasValue("1.0.0");
        assertThat(options.header("Tus-Extension").orElse("")).contains("creation");
        var created = stack.http.send(HttpRequest.newBuilder(URI.create(stack.media.baseUrl() + "/v1/uploads"))
                .header("Authorization", "Bearer " + owner.token()).header("Tus-Resumable", "1.0.0")
                .header("Upload-Length", Integer.toString(file.length))
                .header("Upload-Metadata", "filename " + java.util.Base64.getEncoder().encodeToString("big.jpg".getBytes()))
                .POST(HttpRequest.BodyPublishers.noBody()).build());
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String location = created.header("Location").orElseThrow();

        int half = file.length / 2;
        try (Socket socket = new Socket("127.0.0.1", stack.media.port())) {  // the connection drops mid-body
            OutputStream out = socket.getOutputStream();
            out.write(("PATCH " + location + " HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + owner.token()
                       + "\r\nTus-Resumable: 1.0.0\r\nUpload-Offset: 0\r\nContent-Type: application/offset+octet-stream"
                       + "\r\nContent-Length: " + file.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(file, 0, half);
            out.flush();
        }
        long[] offset = {0};
        Await.until(Duration.ofSeconds(15), "the received half is stored", () -> {
            var head = head(location, owner);
            offset[0] = Long.parseLong(head.header("Upload-Offset").orElse("0"));
            return offset[0] > 0;
        });
        assertThat(offset[0]).isLessThanOrEqualTo(half);
        assertThat(head(location, owner).header("Tangle-Media-Id")).isEmpty();
        var stale = patch(location, owner, 0, java.util.Arrays.copyOfRange(file, 0, 10));
        assertThat(stale.status()).isEqualTo(409);

        var rest = patch(location, owner, offset[0], java.util.Arrays.copyOfRange(file, (int) offset[0], file.length));
        assertThat(rest.status()).as(rest.toString()).isEqualTo(204);
        assertThat(rest.header("Upload-Offset")).hasValue(Integer.toString(file.length));
        String mediaId = rest.header("Tangle-Media-Id").orElseThrow();
        assertThat(head(location, owner).header("Tangle-Media-Id")).hasValue(mediaId);
        assertThat(head(location, stack.register("nosy")).status()).isEqualTo(404);
        JsonNode ready = stack.awaitProcessed(owner, mediaId);
        assertThat(ready.path("status").asText()).isEqualTo("ready");
        assertThat(ready.path("size").asLong()).isEqualTo(file.length);
        var original = stack.http.send(HttpRequest.newBuilder(URI.create(stack.media.baseUrl() + "/v1/media/" + mediaId
                        + "/content?variant=original")).header("Authorization", "Bearer " + owner.token()).GET().build());
        assertThat(original.raw().body()).isEqualTo(file);
    }

    @Test
    void aVideoGetsAPosterAndAWebRenditionWithoutMetadata() throws Exception {
        User owner = stack.register("video");
        java.nio.file.Path source = Files.createTempFile("clip", ".mp4");
        new ProcessBuilder("ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i", "testsrc=size=640x360:rate=25:duration=3",
                "-f", "lavfi", "-i", "sine=frequency=440:duration=3", "-c:v", "libx264", "-preset", "ultrafast",
                "-c:a", "aac", "-metadata", "title=secret title", "-metadata", "location=+52.5200+013.4050/",
                "-shortest", source.toString()).inheritIO().start().waitFor();
        var created = stack.upload(owner, Files.readAllBytes(source), "clip.mp4", "");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.json().path("kind").asText()).isEqualTo("video");
        assertThat(created.json().path("durationMs").asLong()).isBetween(2900L, 3200L);
        JsonNode ready = stack.awaitProcessed(owner, created.json().path("id").asText());
        assertThat(ready.path("status").asText()).as(ready.toString()).isEqualTo("ready");
        assertThat(ready.path("variants").path("poster").path("contentType").asText()).isEqualTo("image/jpeg");
        JsonNode video = ready.path("variants").path("video");
        assertThat(video.path("contentType").asText()).isEqualTo("video/mp4");
        java.nio.file.Path served = Files.write(Files.createTempFile("served", ".mp4"), stack.fetch(video.path("url").asText()));
        Process probe = new ProcessBuilder("ffprobe", "-v", "error", "-show_format", "-show_streams", served.toString())
                .redirectErrorStream(true).start();
        String out = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        probe.waitFor();
        assertThat(out).contains("codec_name=h264").contains("codec_name=aac");
        assertThat(out).doesNotContain("secret title").doesNotContain("52.52").doesNotContain("TAG:location").doesNotContain("com.apple.quicktime.location");
    }

    @Test
    void aPhotoSentInAConversationIsVisibleToItsMembersOnly() {
        User owner = stack.register("chat");
        User member = stack.register("member");
        User outsider = stack.register("outsider");
        String id = stack.upload(owner, TestImages.jpeg(320, 240, 31), "c.jpg", "").json().path("id").asText();
        var conversation = stack.apiHttp.post("/v1/conversations", Map.of("kind", "group", "title", "pics",
                "memberIds", List.of(member.id())), owner.token());
        assertThat(conversation.status()).as(conversation.toString()).isEqualTo(201);
        String path = "/v1/conversations/" + conversation.json().path("id").asText() + "/messages";
        var foreign = stack.apiHttp.post(path, Map.of("clientMsgId", "m0", "text", "not mine", "mediaIds", List.of(id)),
                member.token());
        assertThat(foreign.status()).isEqualTo(400);
        assertThat(foreign.json().path("errors").path(0).path("field").asText()).isEqualTo("mediaIds[0]");
        assertThat(stack.get("/v1/media/" + id, member).status()).isEqualTo(404);

        var sent = stack.apiHttp.post(path, Map.of("clientMsgId", "m1", "text", "look", "mediaIds", List.of(id)), owner.token());
        assertThat(sent.status()).as(sent.toString()).isEqualTo(201);
        assertThat(sent.json().path("attachments").path(0).path("id").asText()).isEqualTo(id);
        assertThat(stack.get("/v1/media/" + id, member).status()).isEqualTo(200);
        assertThat(stack.get("/v1/media/" + id, outsider).status()).isEqualTo(404);
        var history = stack.apiHttp.get(path + "?limit=10", member.token()).json();
        assertThat(history.path("items").path(0).path("attachments").path(0).path("kind").asText()).isEqualTo("image");
    }

    @Test
    void aJobThatKeepsFailingGoesToTheDeadLetterSubjectAndTheItemFails() throws Exception {
        User owner = stack.register("dlq");
        java.util.UUID id = dev.tangle.common.id.Ids.newId();
        var db = stack.media.infra().db();
        db.inTransaction(tx -> {   // a committed item whose original is missing: every attempt fails (transiently)
            tx.createInsert("INSERT INTO media (id, owner_id, kind, content_type, size, status) "
                            + "VALUES (?, ?::uuid, 'image', 'image/jpeg', 10, 'processing')").addParam(id).addParam(owner.id())
                    .execute();
            dev.tangle.common.outbox.Outbox.add(tx, dev.tangle.media.item.MediaEvents.job(id));
            return null;
        });
        stack.media.infra().outbox().kick();
        try (io.nats.client.Connection nc = io.nats.client.Nats.connect(stack.mediaEnv.get("TANGLE_NATS_URL"))) {
            var sub = nc.jetStream().subscribe("tangle.dlq.job.media.process",
                    io.nats.client.PushSubscribeOptions.builder().ordered(true).build());
            io.nats.client.Message dead = null;
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (dead == null && System.nanoTime() < deadline) {
                io.nats.client.Message m = sub.nextMessage(Duration.ofSeconds(1));
                if (m != null && new String(m.getData(), StandardCharsets.UTF_8).contains(id.toString())) {
                    dead = m;
                }
            }
            assertThat(dead).as("dead letter of " + id).isNotNull();
            assertThat(dead.getHeaders().getFirst("Tangle-Attempts")).isEqualTo("5");
        }
        JsonNode failed = stack.awaitProcessed(owner, id.toString());
        assertThat(failed.path("status").asText()).isEqualTo("failed");
        assertThat(failed.path("failure").asText()).isEqualTo("attempts_exhausted");
        String metrics = stack.http.get("/metrics", null).text();
        assertThat(metrics).contains("tangle_media_uploads_total").contains("tangle_media_upload_bytes_total")
                .contains("tangle_media_processing_seconds").contains("tangle_media_failures_total{reason=\"transient\"")
                .contains("tangle_media_jobs_pending").contains("tangle_media_jobs_oldest_seconds")
                .contains("tangle_media_rejected_total");
    }

    private static HttpTestClient.Response head(String location, User user) {
        return stack.http.send(HttpRequest.newBuilder(URI.create(stack.media.baseUrl() + location))
                .header("Authorization", "Bearer " + user.token()).header("Tus-Resumable", "1.0.0")
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build());
    }

    private static HttpTestClient.Response patch(String location, User user, long offset, byte[] bytes) {
        return stack.http.send(HttpRequest.newBuilder(URI.create(stack.media.baseUrl() + location))
                .header("Authorization", "Bearer " + user.token()).header("Tus-Resumable", "1.0.0")
                .header("Upload-Offset", Long.toString(offset)).header("Content-Type", "application/offset+octet-stream")
                .method("PATCH", HttpRequest.BodyPublishers.ofByteArray(bytes)).build());
    }

    private static long countFiles() throws Exception {
        try (var files = Files.walk(stack.storage)) {
            return files.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().equals("url.key")).count();
        }
    }

}
