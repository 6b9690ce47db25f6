package io.mockupaws.ops.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PgConnectionTest {

    @Test
    void theApplicationsJdbcUrlBecomesLibpqArgumentsWithThePasswordOnlyInTheEnvironment() {
        PgConnection c = PgConnection.parse("jdbc:postgresql://db.internal:6543/app?sslmode=require&prepareThreshold=0",
                "mockup", "s3cret");

        assertThat(c.host()).isEqualTo("db.internal");
        assertThat(c.port()).isEqualTo(6543);
        assertThat(c.database()).isEqualTo("app");
        assertThat(c.toolArguments()).containsExactly("--host", "db.internal", "--port", "6543", "--username", "mockup",
                "--no-password").doesNotContain("s3cret");
        assertThat(c.toolEnvironment()).containsEntry("PGPASSWORD", "s3cret").containsEntry("PGSSLMODE", "require");
        assertThat(c.toString()).doesNotContain("s3cret");
    }

    @Test
    void defaultsAndOtherDatabasesOnTheSameServer() {
        PgConnection c = PgConnection.parse("jdbc:postgresql://127.0.0.1/mockupaws", "postgres", "pw");
        assertThat(c.port()).isEqualTo(5432);

        PgConnection other = c.withDatabase("postgres");
        assertThat(other.jdbcUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:5432/postgres");
        assertThat(other.password()).isEqualTo("pw");

        PgConnection failover = PgConnection.parse("jdbc:postgresql://a:1,b:2/d?user=u&password=p", "", "");
        assertThat(failover.host()).isEqualTo("a");
        assertThat(failover.user()).isEqualTo("u");
        assertThat(failover.password()).isEqualTo("p");
    }

    @Test
    void anUnreadableUrlIsAClearErrorThatHidesThePassword() {
        assertThatThrownBy(() -> PgConnection.parse("jdbc:mysql://h/d?password=topsecret", "u", ""))
                .isInstanceOf(BackupException.class)
                .hasMessageContaining("expected jdbc:postgresql://host[:port]/database")
                .hasMessageNotContaining("topsecret");
    }
}
