package io.mockupaws.ops.backup;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Backup history for operators. Under /api/v1/admin/, which only administrators may call. */
@RestController
@RequestMapping(path = "/api/v1/admin/backups", produces = "application/json")
@Tag(name = "admin", description = "Operations: backups")
class BackupController {

    private final BackupService backups;

    BackupController(BackupService backups) {
        this.backups = backups;
    }

    record BackupRuns(List<BackupRun> items) {}

    @GetMapping
    @Operation(summary = "Backup and restore runs, newest first (backup_history)")
    BackupRuns list(@RequestParam(name = "limit", defaultValue = "100") int limit) {
        return new BackupRuns(backups.history(Math.clamp(limit, 1, 1000)));
    }
}
