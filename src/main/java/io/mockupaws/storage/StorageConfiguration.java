package io.mockupaws.storage;

import java.nio.file.Path;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.core.env.Environment;

/**
 * The object stores as beans, configured from {@code mockupaws.s3.*}, {@code mockupaws.backup.secondary.*} and
 * {@code mockupaws.data-dir}; the documented {@code MOCKUPAWS_S3_ACCESS_KEY}-style environment variables bind to
 * these by Spring's relaxed binding.
 *
 * <ul>
 *   <li>{@link ObjectStore} (primary): reports, metadata, anything that needs no second copy.</li>
 *   <li>{@value #BACKUP_STORE}: backups and WAL; the primary replicated to the secondary when one is configured.</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
public class StorageConfiguration {

    /** Qualifier of the store backups and WAL go to. */
    public static final String BACKUP_STORE = "backupObjectStore";

    /** Owns the S3 clients; the two stores below are views of it, so only this bean closes anything. */
    @Bean(destroyMethod = "close")
    ObjectStores objectStores(Environment environment) {
        // The Binder, not @ConfigurationProperties classes: one S3Settings record serves both prefixes.
        Binder binder = Binder.get(environment);
        Path dataDir = Path.of(environment.getProperty("mockupaws.data-dir", "./data"));
        S3Settings primary = binder.bind("mockupaws.s3", S3Settings.class).orElse(S3Settings.NONE);
        S3Settings secondary = binder.bind("mockupaws.backup.secondary", S3Settings.class).orElse(S3Settings.NONE);
        String secondaryDir = environment.getProperty("mockupaws.backup.secondary.dir");
        return ObjectStores.create(dataDir, primary, secondaryDir, secondary);
    }

    @Bean(destroyMethod = "")
    @Primary
    ObjectStore objectStore(ObjectStores stores) {
        return stores.primary();
    }

    @Bean(name = BACKUP_STORE, destroyMethod = "")
    ObjectStore backupObjectStore(ObjectStores stores) {
        return stores.backup();
    }
}
