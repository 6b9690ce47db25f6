package io.mockupaws.platform.jobs;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.jobrunr.jobs.Job;
import org.jobrunr.jobs.filters.ApplyStateFilter;
import org.jobrunr.jobs.filters.ElectStateFilter;
import org.jobrunr.jobs.states.JobState;
import org.jobrunr.jobs.states.ProcessingState;

/**
 * Per-queue concurrency on this instance (see {@link JobQueue}). JobRunr asks its filters about the state it elects
 * for a job it has just taken (PROCESSING); a job whose queue already runs its limit here is put back, scheduled one
 * poll interval later, with the reason in its history (the dashboard shows it), and the worker goes to the next job.
 * Being put back costs no retry.
 *
 * <p>The count is of jobs this instance admitted and has not seen leave PROCESSING. Should a job be lost between the
 * two (its row saved by another server in between), it would hold a place for ever; so a place older than a minute
 * whose job this server no longer runs is given back.
 */
final class QueueAdmission implements ElectStateFilter, ApplyStateFilter {

    private static final Duration GRACE = Duration.ofMinutes(1);

    private record Place(JobQueue queue, Instant since) {}

    private final Map<JobQueue, Integer> limits;
    private final Duration retryIn;
    private final Map<UUID, Place> places = new HashMap<>();
    private volatile Supplier<Set<UUID>> runningHere = Set::of;

    QueueAdmission(Map<JobQueue, Integer> limits, Duration retryIn) {
        this.limits = new EnumMap<>(limits);
        this.retryIn = retryIn;
    }

    /** The jobs this instance's background job server is running now (to give back places that were lost). */
    void runningJobs(Supplier<Set<UUID>> runningHere) {
        this.runningHere = runningHere;
    }

    @Override
    public void onStateElection(Job job, JobState newState) {
        if (!(newState instanceof ProcessingState)) return;
        JobQueue queue = JobQueue.of(job.getLabels());
        if (queue == null) return;
        int limit = limits.getOrDefault(queue, 0);
        if (limit <= 0) return;
        synchronized (places) {
            long taken = places.values().stream().filter(p -> p.queue() == queue).count();
            if (taken >= limit) {
                giveBackLostPlaces();
                taken = places.values().stream().filter(p -> p.queue() == queue).count();
            }
            if (taken >= limit) {
                // PROCESSING may not become SCHEDULED directly; through DELETED it may, and the reasons stay in its history
                job.delete("Not started: queue " + queue.wire() + " runs its limit of " + limit + " jobs on this instance");
                job.scheduleAt(Instant.now().plus(retryIn), "Waiting " + retryIn.toSeconds() + " s for a place in queue "
                        + queue.wire());
                return;
            }
            places.put(job.getId(), new Place(queue, Instant.now()));
        }
    }

    @Override
    public void onStateApplied(Job job, JobState oldState, JobState newState) {
        if (oldState instanceof ProcessingState && !(newState instanceof ProcessingState)) {
            synchronized (places) {
                places.remove(job.getId());
            }
        }
    }

    /** How many jobs of the queue this instance runs now. */
    int running(JobQueue queue) {
        synchronized (places) {
            return (int) places.values().stream().filter(p -> p.queue() == queue).count();
        }
    }

    private void giveBackLostPlaces() {
        Set<UUID> running = runningHere.get();
        Instant old = Instant.now().minus(GRACE);
        places.entrySet().removeIf(e -> e.getValue().since().isBefore(old) && !running.contains(e.getKey()));
    }
}
