package nonblocking;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** The layers the README draws, checked on the compiled main classes: each points only down, and none loops. */
class ArchitectureTest {

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("nonblocking");

    @Test
    void packagesFormNoCycle() {
        slices().matching("nonblocking.(*)..").should().beFreeOfCycles().check(MAIN);
    }

    @Test
    void eachLayerIsUsedOnlyByTheLayersAboveIt() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("results").definedBy("nonblocking.results..")
                .layer("gate").definedBy("nonblocking.gate..")
                .layer("history").definedBy("nonblocking.history..")
                .layer("report").definedBy("nonblocking.report..")
                .layer("ladder").definedBy("nonblocking.ladder..")
                .layer("record").definedBy("nonblocking.record..")
                .layer("injectors").definedBy("nonblocking.injectors..")
                .layer("targets").definedBy("nonblocking.targets..")
                .layer("backends").definedBy("nonblocking.backends..")
                .layer("run").definedBy("nonblocking.run..")
                .layer("cli").definedBy("nonblocking.cli..")
                .whereLayer("cli").mayNotBeAccessedByAnyLayer()
                .whereLayer("run").mayOnlyBeAccessedByLayers("cli")
                // Run-time code does not lean on presentation: only the run and the command line word things.
                .whereLayer("report").mayOnlyBeAccessedByLayers("run", "cli")
                .whereLayer("backends").mayOnlyBeAccessedByLayers("run")
                .whereLayer("targets").mayOnlyBeAccessedByLayers("backends", "run")
                .whereLayer("injectors").mayOnlyBeAccessedByLayers("targets", "run")
                .whereLayer("ladder").mayOnlyBeAccessedByLayers("targets", "backends", "run")
                .whereLayer("record").mayOnlyBeAccessedByLayers("injectors", "targets", "run")
                .whereLayer("history").mayOnlyBeAccessedByLayers("report", "cli")
                .whereLayer("gate").mayOnlyBeAccessedByLayers("report", "cli")
                .check(MAIN);
    }
}
