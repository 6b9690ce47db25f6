package io.mockupaws.platform.db;

/** The embedded server's version; kept in step with the zonky binaries version in pom.xml. */
final class BuildVersion {
    static final String POSTGRES = "15.19";

    private BuildVersion() {}
}
