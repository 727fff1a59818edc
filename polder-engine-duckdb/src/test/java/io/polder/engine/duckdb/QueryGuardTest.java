package io.polder.engine.duckdb;

import static org.assertj.core.api.Assertions.assertThat;

import io.polder.spi.exceptions.BuildInterruptedException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/**
 * An interrupted statement is cancelled whenever the interrupt comes. DuckDB's JDBC driver ignores a cancel
 * that comes before the statement runs (on a busy machine, a thread can wait past the watchdog's first look
 * between starting the guard and reaching DuckDB), so the watchdog cancels at every look until the call returns.
 */
class QueryGuardTest {
    @Test
    void aCancelThatComesBeforeTheStatementRunsIsRepeated() throws Exception {
        Connection connection = DriverManager.getConnection("jdbc:duckdb:");
        boolean lost = false;
        try (QueryGuard guard = new QueryGuard(Duration.ofMinutes(10))) {
            Statement statement = connection.createStatement();
            CountDownLatch guarded = new CountDownLatch(1);
            FutureTask<Boolean> endless = new FutureTask<>(() -> guard.run(statement, "counting forever", () -> {
                guarded.countDown();
                long reached = System.nanoTime() + Duration.ofMillis(300).toNanos();
                while (System.nanoTime() < reached) {
                    Thread.onSpinWait(); // not yet in DuckDB when the watchdog first looks, 50 ms in
                }
                return statement.execute("SELECT count(*) FROM range(100000) AS a, range(100000) AS b, range(1000) AS c");
            }));
            Thread runner = new Thread(endless, "counting");
            runner.setDaemon(true);
            runner.start();
            assertThat(guarded.await(60, TimeUnit.SECONDS)).isTrue();
            runner.interrupt();

            try {
                endless.get(60, TimeUnit.SECONDS);
                throw new AssertionError("the endless count finished");
            } catch (ExecutionException e) {
                assertThat(e.getCause()).isInstanceOf(BuildInterruptedException.class);
            } catch (TimeoutException e) {
                lost = true; // the count runs on: closing its connection would wait for it
                throw new AssertionError("the interrupt was lost: the statement ran on", e);
            }
        } finally {
            if (!lost) {
                connection.close();
            }
        }
    }
}
