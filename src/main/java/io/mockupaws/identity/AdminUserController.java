package io.mockupaws.identity;

import io.mockupaws.platform.web.PageResult;
import io.mockupaws.platform.web.QueryParams;
import io.mockupaws.ratelimit.Tier;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** User administration (role admin, or an API key with scope admin). */
@RestController
@RequestMapping(path = "/api/v1/admin/users", produces = "application/json")
@Tag(name = "admin", description = "User administration: roles, tiers, deactivation (administrators only)")
class AdminUserController {

    private final UserService users;

    AdminUserController(UserService users) {
        this.users = users;
    }

    record Change(Role role, Tier tier, Boolean active) {}

    @GetMapping
    @Operation(summary = "Users, oldest first; email= finds one")
    PageResult<User> list(@RequestParam(required = false) String email,
                          @RequestParam(defaultValue = "1") String page,
                          @RequestParam(name = "page_size", defaultValue = "50") String pageSize) {
        return users.list(QueryParams.text("email", email, 254), QueryParams.intInRange("page", page, 1, 1_000_000),
                QueryParams.intInRange("page_size", pageSize, 1, 200));
    }

    @GetMapping("/{id}")
    @Operation(summary = "One user")
    User get(@PathVariable UUID id) {
        return users.get(id);
    }

    @PatchMapping(path = "/{id}", consumes = "application/json")
    @Operation(summary = "Change a user's role, tier or active flag (fields left out keep their value); each change is audited")
    User change(Actor admin, @PathVariable UUID id, @RequestBody Change body) {
        return users.administer(admin, id, body.role(), body.tier(), body.active());
    }
}
