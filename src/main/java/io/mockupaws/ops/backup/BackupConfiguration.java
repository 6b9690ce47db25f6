package io.mockupaws.ops.backup;

import io.mockupaws.storage.ObjectStore;
import io.mockupaws.storage.StorageConfiguration;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;

@Configuration(proxyBeanMethods = false)
class BackupConfiguration {

    @Bean
    BackupService backupService(Environment env, @Qualifier(StorageConfiguration.BACKUP_STORE) ObjectStore store,
                                JdbcClient jdbc) {
        return BackupService.of(env, store, jdbc);
    }
}
