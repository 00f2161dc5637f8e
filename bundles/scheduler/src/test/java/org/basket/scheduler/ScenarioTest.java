package org.basket.scheduler;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.basket.api.model.ClusterConfig;
import org.basket.api.model.Constraint;
import org.basket.api.plan.Action;
import org.basket.api.plan.Ordering;
import org.basket.api.plan.Transition;
import org.basket.scheduler.ScenarioReader.Scenario;
import org.basket.testsupport.GoldenFile;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The scenario corpus: one test per folder of {@code src/test/resources/scenarios}. Each folder holds
 * an {@code input.yaml} (hosts, resources, constraints, observed state; see {@link ScenarioReader}) and
 * an {@code expected.txt}, the readable summary of the plan (see {@link ScenarioSummary}). A test
 * plans the input, checks that the action sequence respects every ordering, and compares the summary
 * with {@code expected.txt}.
 *
 * <pre>
 * mvn -B install                                   run the corpus with the other tests
 * mvn -B test -Dtest=ScenarioTest                  the corpus alone
 * mvn -B test -Dtest=ScenarioTest -Dscenarios.only=standby            only the cases whose name contains 'standby'
 * mvn -B test -Dtest=ScenarioTest -Dscenarios.update=true             rewrite every expected.txt from the plans
 * </pre>
 *
 * A new case: make a folder with a self-explaining name and an {@code input.yaml}, run in update mode,
 * and read the {@code expected.txt} it wrote before committing it.
 */
class ScenarioTest {
    private static final Path CORPUS = Path.of(System.getProperty("basedir", "."), "src", "test", "resources",
            "scenarios");
    private static final String ONLY = System.getProperty("scenarios.only", "");
    /** Lowercase words joined by dashes, at least three: a name that says what the case shows. */
    private static final Pattern CASE_NAME = Pattern.compile("[a-z0-9]+(-[a-z0-9]+){2,}");

    @TestFactory
    Stream<DynamicTest> scenarios() throws IOException {
        assertTrue(Files.isDirectory(CORPUS), "no scenario corpus at " + CORPUS.toAbsolutePath());
        List<Path> cases;
        try (Stream<Path> folders = Files.list(CORPUS)) {
            cases = folders.filter(Files::isDirectory).filter(p -> p.getFileName().toString().contains(ONLY))
                    .sorted().toList();
        }
        assertFalse(cases.isEmpty(), "no scenario in " + CORPUS.toAbsolutePath()
                + (ONLY.isEmpty() ? "" : " whose name contains '" + ONLY + "'"));
        return cases.stream().map(dir -> DynamicTest.dynamicTest(dir.getFileName().toString(), dir.toUri(),
                () -> run(dir)));
    }

    private static void run(Path dir) throws IOException {
        String name = dir.getFileName().toString();
        String where = "scenarios/" + name;
        if (!CASE_NAME.matcher(name).matches()) {
            fail(where + ": name the case by what it shows, in lowercase words joined by dashes"
                    + " (at least three words)");
        }
        Path input = dir.resolve("input.yaml");
        if (!Files.isRegularFile(input)) {
            fail(where + ": no input.yaml");
        }
        Scenario scenario = ScenarioReader.read(input, where + "/input.yaml");
        String actual = summary(scenario);

        GoldenFile.check(dir.resolve("expected.txt"), actual, where, "plan");
    }

    /** Plans the scenario; a configuration with problems is planned without its rejected constraints. */
    private static String summary(Scenario scenario) {
        ConfigValidator validator = new ConfigValidator();
        ClusterConfig config = scenario.config();
        List<ConfigValidator.Problem> problems = validator.validate(config);
        if (problems.isEmpty()) {
            return ScenarioSummary.of(scenario, config, plan(scenario, config));
        }
        Set<String> dropped = new LinkedHashSet<>();
        ClusterConfig remaining = config;
        List<ConfigValidator.Problem> found = problems;
        while (!found.isEmpty()) {
            for (ConfigValidator.Problem problem : found) {
                boolean explicit = remaining.constraints().stream().anyMatch(
                        c -> c.name().equals(problem.constraint()) && !(c instanceof Constraint.Container));
                if (!explicit) {
                    return ScenarioSummary.ofRejected(scenario, problems, List.of(), null);
                }
                dropped.add(problem.constraint());
            }
            remaining = new ClusterConfig(remaining.hosts(), remaining.resources(), remaining.constraints().stream()
                    .filter(c -> !dropped.contains(c.name())).toList());
            found = validator.validate(remaining);
        }
        return ScenarioSummary.ofRejected(scenario, problems, List.copyOf(dropped), plan(scenario, remaining));
    }

    private static Plan plan(Scenario scenario, ClusterConfig config) {
        Plan plan = new Scheduler(scenario.options()).plan(config, scenario.state(), scenario.now());
        assertRespectsOrderings(plan.transition());
        return plan;
    }

    /** Every ordering's first action comes before its then action in the planned sequence. */
    static void assertRespectsOrderings(Transition transition) {
        List<Action> actions = transition.actions();
        List<String> broken = new ArrayList<>();
        for (Ordering ordering : transition.orderings()) {
            if (actions.indexOf(ordering.first()) >= actions.indexOf(ordering.then())) {
                broken.add(ordering.toString());
            }
        }
        if (new LinkedHashSet<>(actions).size() != actions.size()) {
            broken.add("an action is planned twice");
        }
        if (!broken.isEmpty()) {
            fail("the action sequence " + actions + " breaks " + broken);
        }
    }
}
