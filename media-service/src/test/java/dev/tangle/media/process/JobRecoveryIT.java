package dev.tangle.media.process;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tangle.common.json.Json;
import dev.tangle.common.test.Await;
import dev.tangle.common.test.FreePorts;
import dev.tangle.common.test.HttpTestClient;
import dev.tangle.common.http.RunningService;
import dev.tangle.media.support.MediaStack;
import dev.tangle.media.support.MediaStack.User;
import io.nats.client.Connection;
import io.nats.client.JetStreamSubscription;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.PushSubscribeOptions;
import io.nats.client.api.StreamInfoOptions;
import io.nats.client.api.Subject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A media-service worker process is killed (SIGKILL) in the middle of a job; another instance gets the job after
 * the ack wait, and the item ends {@code ready} with one {@code ready} event and one notification.
 */
class JobRecoveryIT {

    private static MediaStack stack;
    private static Process doomed;
    private static RunningService survivor;

    @BeforeAll
    static void start() {
        stack = MediaStack.withoutMedia(Map.of("TANGLE_MEDIA_JOBS_ACK_WAIT", "3s"));
    }

    @AfterAll
    static void stop() {
        if (doomed != null) {
            doomed.destroyForcibly();
        }
        if (survivor != null) {
            survivor.stop();
        }
        stack.close();
    }

    @Test
    void aJobOfAKilledWorkerIsRedoneByAnotherInstanceAndEndsReadyOnce() throws Exception {
        int port = FreePorts.next();
        Map<String, String> env = new HashMap<>(System.getenv());
        env.putAll(stack.mediaEnv);
        env.put("TANGLE_PORT", Integer.toString(port));
        env.put("TANGLE_INSTANCE_ID", "media-doomed");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                "dev.tangle.media.Main"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(Files.createTempFile("media-doomed", ".log").toFile());
        builder.environment().clear();
        builder.environment().putAll(env);
        doomed = builder.start();
        HttpTestClient doomedHttp = new HttpTestClient("http://127.0.0.1:" + port);
        Await.until(Duration.ofSeconds(60), "the doomed instance is ready", () -> {
            try {
                return doomedHttp.get("/health/ready", null).status() == 200;
            } catch (RuntimeException notYet) {
                return false;
            }
        });

        User owner = stack.register("victim");
        Path clip = Files.createTempFile("long", ".mp4");
        new ProcessBuilder("ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i", "testsrc2=size=1280x720:rate=30:duration=20",
                "-c:v", "libx264", "-preset", "ultrafast", clip.toString()).inheritIO().start().waitFor();
        var created = doomedHttp.send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(doomedHttp.baseUrl() + "/v1/media?filename=long.mp4"))
                .header("Authorization", "Bearer " + owner.token()).header("Content-Type", "video/mp4")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofFile(clip)).build());
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String id = created.json().path("id").asText();

        Path tmp = stack.storage.resolve("tmp");
        Await.until(Duration.ofSeconds(30), "the doomed instance started the job", () -> jobDirectories(tmp) > 0);
        doomed.destroyForcibly().waitFor();   // SIGKILL: no ack, no nak, no shutdown

        survivor = stack.anotherMedia("media-survivor");
        stack.http = new HttpTestClient(survivor.baseUrl());
        JsonNode ready = stack.awaitProcessed(owner, id);
        assertThat(ready.path("status").asText()).as(ready.toString()).isEqualTo("ready");
        assertThat(ready.path("variants").has("video")).isTrue();

        try (Connection nc = Nats.connect(stack.mediaEnv.get("TANGLE_NATS_URL"))) {
            String readySubject = "tangle.evt.media." + id + ".ready";
            Await.until(Duration.ofSeconds(10), "the ready event", () -> count(nc, readySubject) >= 1);
            assertThat(count(nc, readySubject)).isEqualTo(1);
            long notifications = 0;
            for (Message m : read(nc, "tangle.evt.user." + owner.id() + ".notification")) {
                JsonNode data = Json.tree(m.getData()).path("data");
                if (data.path("mediaId").asText().equals(id) && data.path("kind").asText().equals("media.ready")) {
                    notifications++;
                }
            }
            assertThat(notifications).isEqualTo(1);
        }
    }

    private static long jobDirectories(Path tmp) {
        if (!Files.isDirectory(tmp)) {
            return 0;
        }
        try (var entries = Files.list(tmp)) {
            return entries.filter(p -> p.getFileName().toString().startsWith("job-")).count();
        } catch (java.io.IOException e) {
            return 0;
        }
    }

    private static long count(Connection nc, String subject) {
        try {
            return read(nc, subject).size();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every message the streams hold on a subject: as many as their state counts, without waiting for "no more". */
    private static List<Message> read(Connection nc, String subject) throws Exception {
        long stored = 0;
        for (String stream : nc.jetStreamManagement().getStreamNames(subject)) {
            for (Subject s : nc.jetStreamManagement().getStreamInfo(stream, StreamInfoOptions.filterSubjects(subject))
                    .getStreamState().getSubjects()) {
                stored += s.getCount();
            }
        }
        List<Message> out = new ArrayList<>();
        if (stored == 0) {
            return out;
        }
        JetStreamSubscription sub = nc.jetStream().subscribe(subject, PushSubscribeOptions.builder().ordered(true).build());
        for (Message m; out.size() < stored && (m = sub.nextMessage(Duration.ofSeconds(10))) != null; ) {
            out.add(m);
        }
        sub.unsubscribe();
        assertThat(out).as("the messages stored on " + subject).hasSize((int) stored);
        return out;
    }
}
