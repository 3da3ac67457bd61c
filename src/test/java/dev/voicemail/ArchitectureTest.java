package dev.voicemail;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import java.nio.file.Files;
import java.security.MessageDigest;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * The packages depend on each other one way (docs/architecture.md draws it):
 * facts ← rules ← clients ← decision ← {authoring, scenarios, bench, decisionlog, outcomes, experiments,
 * integrations} ← console, with api, db and auth beneath them all. Checked on the compiled main classes.
 */
class ArchitectureTest {

    private static JavaClasses main;

    @BeforeAll
    static void importMain() {
        main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.voicemail");
    }

    @Test
    void noPackageCycles() {
        slices().matching("dev.voicemail.(*)..").should().beFreeOfCycles().check(main);
    }

    @Test
    void factsDependOnNothingOfOursNorOnDrools() {
        noClasses().that().resideInAPackage("dev.voicemail.facts..")
                .should().dependOnClassesThat(resideInAPackage("dev.voicemail..")
                        .and(not(resideInAPackage("dev.voicemail.facts.."))))
                .orShould().dependOnClassesThat().resideInAnyPackage("org.drools..", "org.kie..")
                .check(main);
    }

    @Test
    void factsArePlainJava() {
        // plus the OpenAPI annotations that describe Reason in the contract: metadata, nothing runs
        classes().that().resideInAPackage("dev.voicemail.facts..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("dev.voicemail.facts..", "java..",
                        "org.eclipse.microprofile.openapi.annotations..")
                .check(main);
    }

    @Test
    void layersDependDownwardOnly() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("facts").definedBy("dev.voicemail.facts..")
                .layer("foundations").definedBy("dev.voicemail.api..", "dev.voicemail.db..", "dev.voicemail.auth..",
                        "dev.voicemail.startup..")
                .layer("rules").definedBy("dev.voicemail.rules..")
                .layer("clients").definedBy("dev.voicemail.clients..")
                .layer("decision").definedBy("dev.voicemail.decision..")
                .layer("features").definedBy("dev.voicemail.authoring..", "dev.voicemail.scenarios..",
                        "dev.voicemail.bench..", "dev.voicemail.decisionlog..", "dev.voicemail.outcomes..", "dev.voicemail.cli..",
                        "dev.voicemail.experiments..", "dev.voicemail.integrations..")
                .layer("console").definedBy("dev.voicemail.console..")
                .whereLayer("console").mayNotBeAccessedByAnyLayer()
                .whereLayer("features").mayOnlyBeAccessedByLayers("console")
                .whereLayer("decision").mayOnlyBeAccessedByLayers("features", "console")
                .whereLayer("clients").mayOnlyBeAccessedByLayers("decision", "features", "console")
                .whereLayer("rules").mayOnlyBeAccessedByLayers("clients", "decision", "features", "console")
                .check(main);
    }

    @Test
    void foundationsKnowNoFeature() {
        noClasses().that().resideInAnyPackage("dev.voicemail.api..", "dev.voicemail.db..", "dev.voicemail.auth..")
                .should().dependOnClassesThat(resideInAnyPackage("dev.voicemail.facts..", "dev.voicemail.rules..",
                        "dev.voicemail.clients..", "dev.voicemail.decision..", "dev.voicemail.authoring..",
                        "dev.voicemail.scenarios..", "dev.voicemail.bench..", "dev.voicemail.decisionlog..",
                        "dev.voicemail.outcomes..", "dev.voicemail.cli..", "dev.voicemail.experiments..",
                        "dev.voicemail.integrations..", "dev.voicemail.console.."))
                .check(main);
    }

    @Test
    void oneDigestHelper() {
        // SHA-256 is computed in one place (api.Digests), not re-written wherever a hash is needed
        noClasses().that().doNotHaveFullyQualifiedName("dev.voicemail.api.Digests")
                .should().callMethod(MessageDigest.class, "getInstance", String.class)
                .check(main);
    }

    @Test
    void oneWalkOfTheRulesDirectory() {
        // the compiler, the preload and the watcher see the same files: RulesDirectory walks for them all
        noClasses().that().resideInAPackage("dev.voicemail.rules..").and().doNotHaveSimpleName("RulesDirectory")
                .should().callMethodWhere(DescribedPredicate.describe("Files.walkFileTree",
                        (JavaMethodCall call) -> call.getTargetOwner().isEquivalentTo(Files.class)
                                && call.getName().equals("walkFileTree")))
                .check(main);
    }
}
