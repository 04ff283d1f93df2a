package io.tnet.fpga;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The native fence: only {@code io.tnet.fpga.jna} touches JNA; the public API never exposes it. */
class ArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.tnet.fpga");

    @Test
    void onlyTheJnaPackageTouchesJna() {
        noClasses().that().resideOutsideOfPackage("io.tnet.fpga.jna..")
                .should().dependOnClassesThat().resideInAPackage("com.sun.jna..")
                .because("JNA stays behind the native fence (STYLE.md)")
                .check(CLASSES);
    }

    @Test
    void theJnaPackageDoesNotDependOnTheApi() {
        noClasses().that().resideInAPackage("io.tnet.fpga.jna..")
                .should().dependOnClassesThat().resideInAnyPackage("io.tnet.fpga", "io.tnet.fpga.gen..",
                        "io.tnet.fpga.energy..")
                .because("bindings hold no logic and know nothing above them")
                .check(CLASSES);
    }
}
