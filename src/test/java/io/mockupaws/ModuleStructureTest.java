package io.mockupaws;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

/** Package by feature, enforced: no module reaches into another's internals, and there are no cycles. */
class ModuleStructureTest {

    @Test
    void modulesRespectTheirBoundaries() {
        ApplicationModules.of(MockupAwsApplication.class).verify();
    }
}
