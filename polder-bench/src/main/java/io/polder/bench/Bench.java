package io.polder.bench;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code ./bench SUITE}: runs one benchmark suite. A suite measures Polder and a baseline in the same
 * process, in the same run, and prints both with their ratio, so the figure does not depend on the
 * machine it ran on.
 */
public final class Bench {
    private Bench() {
    }

    static Map<String, Suite> suites() {
        Map<String, Suite> suites = new LinkedHashMap<>();
        for (Suite suite : new Suite[] {new ValidateSuite(), new RegistrySuite(), new GovernanceSuite(), new EngineSuite(),
                new GatewaySuite()}) {
            suites.put(suite.name(), suite);
        }
        return suites;
    }

    public static void main(String[] args) throws Exception {
        PrintStream out = System.out;
        Map<String, Suite> suites = suites();
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h")) {
            out.println("usage: ./bench SUITE [options]");
            out.println();
            out.println("Suites:");
            suites.values().forEach(suite -> out.printf("  %-12s %s%n", suite.name(), suite.description()));
            System.exit(args.length == 0 ? 2 : 0);
        }
        Suite suite = suites.get(args[0]);
        if (suite == null) {
            System.err.println("bench: no suite '" + args[0] + "'; suites: " + String.join(", ", suites.keySet()));
            System.exit(2);
        }
        String[] rest = java.util.Arrays.copyOfRange(args, 1, args.length);
        boolean met = suite.run(BenchOptions.parse(rest), out);
        System.exit(met ? 0 : 1);
    }
}
