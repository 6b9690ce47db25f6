package io.mockupaws.platform.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mockupaws.MockupAwsApplication;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.jdbc.core.simple.JdbcClient;

class DatabaseEnvironmentTest {

    @Test
    void libpqStyleUrlsBecomeJdbcUrlsWithTheirCredentials() {
        var db = DatabaseEnvironment.ExternalDatabase.parse("postgresql://app:s%40cret@db.internal:6432/mockupaws?sslmode=require", "", "");
        assertThat(db.jdbcUrl()).isEqualTo("jdbc:postgresql://db.internal:6432/mockupaws?sslmode=require");
        assertThat(db.user()).isEqualTo("app");
        assertThat(db.password()).isEqualTo("s@cret");
    }

    @Test
    void explicitCredentialsWinOverTheUrlAndJdbcUrlsPassThrough() {
        var db = DatabaseEnvironment.ExternalDatabase.parse("postgres://u:p@h/d", "admin", "pw");
        assertThat(db.user()).isEqualTo("admin");
        assertThat(db.password()).isEqualTo("pw");
        assertThat(DatabaseEnvironment.ExternalDatabase.parse("jdbc:postgresql://h:1/d", "", "").jdbcUrl())
                .isEqualTo("jdbc:postgresql://h:1/d");
        assertThatThrownBy(() -> DatabaseEnvironment.ExternalDatabase.parse("mysql://h/d", "", ""))
                .hasMessageContaining("jdbc:postgresql://");
    }

    @Test
    void anExternalUrlIsUsedAndNoEmbeddedServerIsStarted() throws Exception {
        // the "external" server: another database on the test run's PostgreSQL
        EmbeddedPostgres external = EmbeddedPostgres.start(Path.of("target/test-data"), 0, "external_db", Map.of());
        external.recreateOncePerJvm("external_db");
        Path unusedDataDir = Path.of("target", "external-mode-data");

        try (var ctx = new SpringApplicationBuilder(MockupAwsApplication.class).web(WebApplicationType.NONE)
                .run("--mockupaws.database.url=" + external.jdbcUrl("external_db"),
                        "--mockupaws.database.user=" + external.user(),
                        "--mockupaws.database.password=" + external.password(),
                        "--mockupaws.database.pooler=pgbouncer",
                        "--mockupaws.data-dir=" + unusedDataDir,
                        "--mockupaws.scheduling.enabled=false")) {
            var url = ctx.getEnvironment().getProperty("spring.datasource.url");
            assertThat(url).isEqualTo(external.jdbcUrl("external_db") + "?prepareThreshold=0");
            assertThat(ctx.getEnvironment().getProperty(DatabaseEnvironment.EMBEDDED_FLAG)).isEqualTo("false");
            assertThat(Files.exists(unusedDataDir.resolve("pg"))).isFalse();
            JdbcClient jdbc = JdbcClient.create(ctx.getBean(DataSource.class));
            assertThat(jdbc.sql("SELECT current_database()").query(String.class).single()).isEqualTo("external_db");
            assertThat(jdbc.sql("SELECT count(*) FROM flyway_schema_history WHERE success").query(Long.class).single())
                    .isPositive();
        }
    }
}
