package io.mockupaws.identity;

import io.mockupaws.audit.AuditEvent;
import io.mockupaws.audit.AuditLog;
import io.mockupaws.platform.web.ApiException;
import io.mockupaws.platform.web.PageResult;
import io.mockupaws.ratelimit.Tier;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Accounts: creating them (sign-up, or an operator on the command line) and administering them. */
@Service
public class UserService {

    private final UserRepository users;
    private final SessionRepository sessions;
    private final PasswordPolicy policy;
    private final Passwords passwords;
    private final AuditLog audit;
    private final VerifiedKeys verifiedKeys;

    UserService(UserRepository users, SessionRepository sessions, PasswordPolicy policy, Passwords passwords, AuditLog audit,
                VerifiedKeys verifiedKeys) {
        this.users = users;
        this.sessions = sessions;
        this.policy = policy;
        this.passwords = passwords;
        this.audit = audit;
        this.verifiedKeys = verifiedKeys;
    }

    /**
     * Creates an account after checking the email and the password policy; 409 {@code email-taken} when the email
     * has an account already, in any letter case.
     */
    @Transactional
    public User create(String email, String password, String fullName, Role role, Tier tier, UUID createdBy, String via) {
        String address = EmailAddress.valid("email", email);
        String name = fullName == null ? "" : fullName.strip();
        if (name.length() > 200) throw ApiException.invalid("full_name", "must be at most 200 characters");
        if (name.chars().anyMatch(Character::isISOControl)) throw ApiException.invalid("full_name", "must not contain control characters");
        policy.check("password", password, address);
        User user;
        try {
            user = users.insert(address, passwords.hash(password), name, role, tier);
        } catch (DuplicateKeyException e) {
            throw ApiException.conflict("email-taken", "An account with this email already exists").with("field", "email");
        }
        audit.record(AuditEvent.success(createdBy == null ? user.id() : createdBy, null, "user.created", "user", user.id(),
                Map.of("email", user.email(), "role", role.wire(), "tier", tier.wire(), "via", via)));
        return user;
    }

    public User get(UUID id) {
        return users.find(id).orElseThrow(() -> ApiException.notFound("user-not-found", "No user with id " + id));
    }

    public PageResult<User> list(String email, int page, int pageSize) {
        return new PageResult<>(users.list(email, page, pageSize), users.count(email), page, pageSize);
    }

    /**
     * An administrator changes a user's role, tier or active flag; each change is audited with its old and new value.
     * An admin cannot demote or deactivate themself, so the last admin cannot lock everyone out by accident.
     * Deactivating a user ends their sessions at once (and their API keys stop working, as they check the owner).
     */
    @Transactional
    public User administer(Actor admin, UUID id, Role role, Tier tier, Boolean active) {
        User before = get(id);
        if (id.equals(admin.userId()) && ((role != null && role != Role.ADMIN) || Boolean.FALSE.equals(active))) {
            throw ApiException.conflict("cannot-change-own-access", "Administrators cannot demote or deactivate themselves");
        }
        User after = users.update(id, role, tier, active).orElseThrow();
        verifiedKeys.forgetAfterCommit(); // the owner's role, tier and state travel with each remembered API key
        if (before.role() != after.role()) auditChange(admin, "user.role_changed", id, "role", before.role().wire(), after.role().wire());
        if (before.tier() != after.tier()) auditChange(admin, "user.tier_changed", id, "tier", before.tier().wire(), after.tier().wire());
        if (before.active() != after.active()) {
            auditChange(admin, after.active() ? "user.activated" : "user.deactivated", id, "active", before.active(), after.active());
            if (!after.active()) sessions.revokeAllSessions(id, "deactivated");
        }
        return after;
    }

    private void auditChange(Actor admin, String action, UUID id, String field, Object from, Object to) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("field", field);
        details.put("from", from);
        details.put("to", to);
        audit.record(admin.audited(action, "user", id, details));
    }
}
