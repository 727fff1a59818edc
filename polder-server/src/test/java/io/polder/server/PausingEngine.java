package io.polder.server;

import static java.util.Objects.requireNonNull;

import io.polder.spi.Engine;
import io.polder.spi.PortRef;
import io.polder.spi.ProgressListener;
import io.polder.spi.PublishedRelation;
import io.polder.spi.RetentionPolicy;
import io.polder.spi.RetentionResult;
import io.polder.spi.SnapshotId;
import io.polder.spi.SnapshotInfo;
import io.polder.spi.build.BuildRequest;
import io.polder.spi.build.BuildResult;
import io.polder.spi.build.ProductDefinition;
import io.polder.spi.check.CheckRequest;
import io.polder.spi.check.CheckRun;
import io.polder.spi.exceptions.StorageException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A real engine whose next build stops, on the build's thread, where the test says: as a server process paused there
 * (a long garbage collection, SIGSTOP), until the test lets it go on or the thread is interrupted. It can also fail
 * its next retention as a full disk would, and let the test act right after its next publication.
 */
final class PausingEngine implements Engine {
    private static final Duration LONGEST_PAUSE = Duration.ofMinutes(5);

    /** Where the next build stops. */
    enum Where {
        /** Before the engine starts building. */
        BEFORE_BUILD,
        /** Inside the engine's build, holding the product's lock: at the first progress it reports. */
        IN_BUILD,
        /** After the engine built and checked the candidates, before anything is published. */
        BEFORE_PUBLISH
    }

    private final Engine engine;
    private volatile Where where;
    private volatile CountDownLatch reached = new CountDownLatch(1);
    private volatile CountDownLatch resume = new CountDownLatch(1);
    private volatile boolean failNextRetention;
    private volatile Runnable afterNextPublish;

    PausingEngine(Engine engine) {
        this.engine = requireNonNull(engine, "engine is null");
    }

    /** The next build stops at {@code where}. */
    void pauseNextBuild(Where at) {
        reached = new CountDownLatch(1);
        resume = new CountDownLatch(1);
        where = at;
    }

    /** Waits until the paused build has stopped where it was told. */
    void awaitPaused() throws InterruptedException {
        if (!reached.await(LONGEST_PAUSE.toMinutes(), TimeUnit.MINUTES)) {
            throw new AssertionError("the build never reached its pause");
        }
    }

    void resume() {
        resume.countDown();
    }

    /** The next retention fails as the warehouse's storage would (a full disk), having deleted nothing. */
    void failNextRetention() {
        failNextRetention = true;
    }

    /** Runs {@code action} once the next publication is done, on the publishing thread, before it returns. */
    void afterNextPublish(Runnable action) {
        afterNextPublish = requireNonNull(action, "action is null");
    }

    @Override
    public BuildResult build(BuildRequest request, ProgressListener progress) {
        Where at = where;
        where = null;
        if (at == Where.BEFORE_BUILD) {
            pause();
        }
        ProgressListener listener = progress;
        if (at == Where.IN_BUILD) {
            java.util.concurrent.atomic.AtomicBoolean first = new java.util.concurrent.atomic.AtomicBoolean(true);
            listener = reported -> {
                if (first.getAndSet(false)) {
                    pause();
                }
                if (progress != null) {
                    progress.progress(reported);
                }
            };
        }
        BuildResult result = engine.build(request, listener);
        if (at == Where.BEFORE_PUBLISH) {
            pause();
        }
        return result;
    }

    private void pause() {
        reached.countDown();
        try {
            if (!resume.await(LONGEST_PAUSE.toMinutes(), TimeUnit.MINUTES)) {
                throw new AssertionError("the paused build was never resumed");
            }
        } catch (InterruptedException e) {
            // woken as a paused process is by its own server: the engine finds its thread interrupted
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String name() {
        return engine.name();
    }

    @Override
    public List<PortRef> provision(ProductDefinition product) {
        return engine.provision(product);
    }

    @Override
    public CheckRun check(CheckRequest request, ProgressListener progress) {
        return engine.check(request, progress);
    }

    @Override
    public SnapshotInfo publish(PortRef port, SnapshotId snapshot) {
        SnapshotInfo published = engine.publish(port, snapshot);
        Runnable action = afterNextPublish;
        afterNextPublish = null;
        if (action != null) {
            action.run();
        }
        return published;
    }

    @Override
    public List<SnapshotInfo> snapshots(PortRef port) {
        return engine.snapshots(port);
    }

    @Override
    public Optional<CheckRun> checks(PortRef port, SnapshotId snapshot) {
        return engine.checks(port, snapshot);
    }

    @Override
    public Optional<SnapshotInfo> published(PortRef port) {
        return engine.published(port);
    }

    @Override
    public RetentionResult applyRetention(PortRef port, RetentionPolicy policy) {
        if (failNextRetention) {
            failNextRetention = false;
            throw new StorageException("no space left on the device writing the retention of " + port);
        }
        return engine.applyRetention(port, policy);
    }

    @Override
    public PublishedRelation describe(PortRef port, String table) {
        return engine.describe(port, table);
    }

    @Override
    public void close() {
        engine.close();
    }
}
