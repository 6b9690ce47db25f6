/**
 * Recurring jobs: every periodic task of mockupAWS is a {@link io.mockupaws.platform.jobs.RecurringTask} bean, so
 * the scheduler registers all of them in one place (and an operator sees them in one list).
 */
@NamedInterface("jobs")
package io.mockupaws.platform.jobs;

import org.springframework.modulith.NamedInterface;
