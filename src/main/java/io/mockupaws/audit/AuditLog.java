package io.mockupaws.audit;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.stereotype.Service;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Appends to the audit log. Called in the caller's transaction when there is one, so a mutation and its audit line
 * commit (or roll back) together; a failed login has no transaction and is written on its own. The table refuses
 * UPDATE, DELETE and TRUNCATE (see V11__audit_log.sql): what is written stays written.
 */
@Service
public class AuditLog {

    static final int MAX_USER_AGENT = 512;

    private final AuditRepository repository;

    AuditLog(AuditRepository repository) {
        this.repository = repository;
    }

    public void record(AuditEvent event) {
        String ip = null, userAgent = null;
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attrs) {
            HttpServletRequest request = attrs.getRequest();
            ip = request.getRemoteAddr();
            userAgent = clean(request.getHeader("User-Agent"));
        }
        repository.insert(event, ip, userAgent);
    }

    /** Free text from the client: bounded, and without control characters (NUL cannot even be stored). */
    private static String clean(String s) {
        if (s == null) return null;
        String c = s.replaceAll("\\p{Cntrl}", " ").strip();
        if (c.isEmpty()) return null;
        return c.length() > MAX_USER_AGENT ? c.substring(0, MAX_USER_AGENT) : c;
    }
}
