package dev.floorgate.lan;

import java.util.List;
import java.util.Objects;

/**
 * Answer of GET /api/v1/tasks?type=PICK.
 * Immutable; made with its constructor. Written and read by {@link LanJson}.
 */
public final class PickTasks {
    private final List<PickTask> tasks;
    private final Long cacheAgeSeconds;

    public PickTasks(List<PickTask> tasks, Long cacheAgeSeconds) {
        this.tasks = Copies.list(tasks);
        this.cacheAgeSeconds = cacheAgeSeconds;
    }

    public List<PickTask> tasks() {
        return tasks;
    }

    /** Age of the cached master data; absent before the first sync. */
    public Long cacheAgeSeconds() {
        return cacheAgeSeconds;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof PickTasks)) {
            return false;
        }
        PickTasks that = (PickTasks) o;
        return Objects.equals(tasks, that.tasks)
                && Objects.equals(cacheAgeSeconds, that.cacheAgeSeconds);
    }

    @Override
    public int hashCode() {
        return Objects.hash(tasks, cacheAgeSeconds);
    }

    @Override
    public String toString() {
        return "PickTasks{" + "tasks=" + tasks
                + ", cacheAgeSeconds=" + cacheAgeSeconds + "}";
    }
}
