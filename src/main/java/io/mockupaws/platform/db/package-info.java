/** Where the database comes from: the embedded PostgreSQL server or an external one. */
@NamedInterface("db")
package io.mockupaws.platform.db;

import org.springframework.modulith.NamedInterface;
