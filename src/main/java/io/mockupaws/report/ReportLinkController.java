package io.mockupaws.report;

import io.mockupaws.platform.web.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.core.io.InputStreamResource;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * The link a scheduled mail carries instead of a report too large to attach: public (its recipient may have no
 * account), the token being the credential — 256 random bits, one recipient's, stored as SHA-256, valid for
 * {@code MOCKUPAWS_REPORT_LINK_DAYS}. An unknown, expired or malformed token is the same 404.
 */
@RestController
@Tag(name = "reports", description = "PDF and CSV reports of a scenario, generated in the background")
class ReportLinkController {

    private final DeliveryRepository deliveries;
    private final ReportRepository reports;
    private final ReportService service;

    ReportLinkController(DeliveryRepository deliveries, ReportRepository reports, ReportService service) {
        this.deliveries = deliveries;
        this.reports = reports;
        this.service = service;
    }

    @GetMapping("/api/v1/report-links/{token}")
    @SecurityRequirements
    @Operation(summary = "Download a scheduled report through the link mailed to a recipient (no credentials)")
    ResponseEntity<InputStreamResource> download(@PathVariable String token) {
        ApiException notFound = ApiException.notFound("report-link-not-found", "This report link does not exist or has expired");
        if (!ReportDelivery.LINK_TOKEN.matcher(token).matches()) throw notFound;
        Report r = deliveries.linkedReport(ReportDelivery.sha256(token)).flatMap(reports::find).orElseThrow(() -> notFound);
        return ReportController.file(service.open(r));
    }
}
