/**
 * Where mockupAWS keeps files that are not rows: encrypted database backups, PostgreSQL WAL segments, archived
 * reports and their metadata. {@link io.mockupaws.storage.ObjectStore} is the port; the local filesystem
 * ({@code ./data/objects}) is the default adapter, S3 (or any S3-protocol server) the other, and
 * {@link io.mockupaws.storage.ReplicatedObjectStore} copies backups and WAL to an optional secondary store.
 */
package io.mockupaws.storage;
