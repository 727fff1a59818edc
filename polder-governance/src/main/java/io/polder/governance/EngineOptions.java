package io.polder.governance;

import java.time.Duration;

/**
 * The limits the engine puts on policies, so that no policy can hang or exhaust the server.
 *
 * @param iterationBudget the most comprehension iterations one evaluation may take, all comprehensions
 *                        together (CEL stops the evaluation beyond it)
 * @param evaluationTimeout the most time one evaluation may take; a safety net behind the iteration budget
 * @param maxExpressionLength the longest rule, when or message expression accepted, in characters
 * @param cacheSize how many compiled policies to keep; 0 compiles every time (benchmarks compare the two)
 * @param parallel whether evaluating a whole mesh spreads its products over the processors (the common
 *                 fork-join pool); one product is always evaluated on the calling thread
 */
public record EngineOptions(int iterationBudget, Duration evaluationTimeout, int maxExpressionLength, int cacheSize,
                            boolean parallel) {
    public static final EngineOptions DEFAULTS = new EngineOptions(10_000, Duration.ofMillis(250), 4_096, 10_000, true);

    public EngineOptions {
        if (iterationBudget < 1 || maxExpressionLength < 1 || cacheSize < 0) {
            throw new IllegalArgumentException("limits must be positive (cache size may be 0)");
        }
        if (evaluationTimeout.isNegative() || evaluationTimeout.isZero()) {
            throw new IllegalArgumentException("evaluationTimeout must be positive");
        }
    }

    public EngineOptions withCacheSize(int size) {
        return new EngineOptions(iterationBudget, evaluationTimeout, maxExpressionLength, size, parallel);
    }

    public EngineOptions withIterationBudget(int budget) {
        return new EngineOptions(budget, evaluationTimeout, maxExpressionLength, cacheSize, parallel);
    }

    public EngineOptions withEvaluationTimeout(Duration timeout) {
        return new EngineOptions(iterationBudget, timeout, maxExpressionLength, cacheSize, parallel);
    }

    public EngineOptions withParallel(boolean spread) {
        return new EngineOptions(iterationBudget, evaluationTimeout, maxExpressionLength, cacheSize, spread);
    }
}
