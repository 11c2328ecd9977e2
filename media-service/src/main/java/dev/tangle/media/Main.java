package dev.tangle.media;

import java.time.Clock;
import java.time.Duration;

import dev.tangle.common.auth.TokenVerifier;
import dev.tangle.common.config.Settings;
import dev.tangle.common.http.Logging;
import dev.tangle.common.http.RunningService;
import dev.tangle.common.http.ServiceInfra;
import dev.tangle.common.http.TangleServer;
import dev.tangle.common.contract.MediaContract;
import dev.tangle.common.nats.service.NatsService;
import dev.tangle.common.nats.service.NatsServiceClient;
import dev.tangle.media.inspect.Ffmpeg;
import dev.tangle.media.inspect.ImageInspector;
import dev.tangle.media.inspect.VideoInspector;
import dev.tangle.media.item.MediaRepository;
import dev.tangle.media.process.ImageProcessor;
import dev.tangle.media.process.JobWorker;
import dev.tangle.media.process.MediaProcessor;
import dev.tangle.media.process.VideoProcessor;
import dev.tangle.media.serve.AccessChecker;
import dev.tangle.media.serve.MediaHttpService;
import dev.tangle.media.serve.MediaService;
import dev.tangle.media.serve.UrlSigner;
import dev.tangle.media.store.BlobStore;
import dev.tangle.media.store.LocalBlobStore;
import dev.tangle.media.store.S3BlobStore;
import dev.tangle.media.support.MediaMetrics;
import dev.tangle.media.upload.Sweeper;
import dev.tangle.media.upload.Staging;
import dev.tangle.media.upload.TusHttpService;
import dev.tangle.media.upload.TusService;
import dev.tangle.media.upload.UploadGuard;
import dev.tangle.media.upload.UploadHttpService;
import dev.tangle.media.upload.UploadService;
import dev.tangle.media.vips.Vips;
import io.helidon.webserver.http.HttpRouting;

/** Composition root of media-service: config, infrastructure, services, routes. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        Logging.init();
        start(MediaConfig.from(Settings.load())).infra().lifecycle().stopOnSignal();
    }

    /** Starts the service; the returned handle stops it in order. Fails at once without libvips or ffmpeg. */
    public static RunningService start(MediaConfig config) {
        Vips vips = Vips.load();
        vips.concurrency(config.jobs().vipsThreads());
        Ffmpeg ffmpeg = Ffmpeg.find();
        ServiceInfra infra = ServiceInfra.start(config.common(), "media");
        try {
            Services s = new Services(config, infra, vips, ffmpeg);
            long maxBody = config.limits().maxUploadBytes() + (1 << 20);
            var server = TangleServer.start(infra, routing -> routing(routing, s),
                    builder -> builder.maxPayloadSize(maxBody));
            return new RunningService(server, infra);
        } catch (RuntimeException e) {
            infra.lifecycle().stop();
            throw e;
        }
    }

    /** Every part of media-service, wired by constructor and registered for ordered shutdown. */
    static final class Services {
        final TokenVerifier verifier;
        final UploadService uploads;
        final TusService tus;
        final MediaService media;
        final BlobStore blobs;
        final UrlSigner signer;
        final MediaConfig config;

        Services(MediaConfig config, ServiceInfra infra, Vips vips, Ffmpeg ffmpeg) {
            this.config = config;
            var limits = config.limits();
            var storage = config.storage();
            Clock clock = Clock.systemUTC();
            this.verifier = config.jwt().verifier();
            this.blobs = storage.backend().equals("s3")
                    ? new S3BlobStore(storage.s3Endpoint(), storage.s3Region(), storage.s3Bucket(),
                            storage.s3AccessKey(), storage.s3SecretKey())
                    : new LocalBlobStore(storage.dir().resolve("blobs"));
            infra.lifecycle().onStop("blob store", blobs);
            Staging staging = new Staging(storage.dir().resolve("tmp"));
            MediaMetrics metrics = new MediaMetrics(infra.metrics());
            MediaRepository repository = new MediaRepository();
            ImageInspector imageInspector = new ImageInspector(vips, limits.maxPixels());
            VideoInspector videoInspector = new VideoInspector(ffmpeg, limits.maxVideoLength(), limits.maxPixels());
            this.uploads = new UploadService(infra.db(), infra.outbox(), blobs, staging, repository,
                    new UploadGuard(infra.db(), limits), imageInspector, videoInspector, limits, metrics);
            this.tus = new TusService(infra.db(), blobs, staging, uploads);
            this.signer = new UrlSigner(UrlSigner.loadKey(config.serving().urlKey(), config.serving().urlKeyFile()),
                    config.serving().urlTtl(), clock);
            var api = new NatsServiceClient(infra.nats().connection(), config.serving().requestTimeout());
            this.media = new MediaService(infra.db(), infra.outbox(), repository, blobs,
                    new AccessChecker(api, config.serving().accessCacheTtl()));
            ImageProcessor images = new ImageProcessor(vips);
            VideoProcessor videos = new VideoProcessor(ffmpeg, videoInspector, images, vips, config.jobs().timeout());
            MediaProcessor processor = new MediaProcessor(infra.db(), infra.outbox(), repository, blobs, staging,
                    images, videos, metrics);
            infra.lifecycle().onStop("media sweeper", new Sweeper(infra.db(), blobs, staging.dir(),
                    storage.abandonAfter(), Duration.ofMinutes(10), clock).start(storage.sweepInterval()));
            infra.lifecycle().onStop("media jobs", new JobWorker(infra.nats().connection(), infra.db(), processor,
                    config.jobs(), metrics).start());
            infra.lifecycle().onStop("media nats service", NatsService.builder(infra.nats().connection(),
                            "tangle-media", "1.0.0")
                    .queue("media-service").description("media items: lookup")
                    .meters(infra.metrics().registry())
                    .endpoint(MediaContract.LOOKUP, media::lookup)
                    .start());
        }
    }

    /** The service's own routes. */
    static void routing(HttpRouting.Builder routing, Services s) {
        routing.register(new UploadHttpService(s.verifier, s.uploads, s.signer))
                .register(new TusHttpService(s.verifier, s.tus, s.config.limits().maxVideoBytes()))
                .register(new MediaHttpService(s.verifier, s.media, s.blobs, s.signer, Clock.systemUTC()));
    }
}
