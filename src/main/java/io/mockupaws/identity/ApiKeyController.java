package io.mockupaws.identity;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** API-key management: for a signed-in user (a JWT), never with an API key — a leaked key must not mint new ones. */
@RestController
@RequestMapping(path = "/api/v1/api-keys", produces = "application/json")
@Tag(name = "api-keys", description = "Keys for log shippers and scripts; the secret is shown once")
class ApiKeyController {

    private final ApiKeyService keys;

    ApiKeyController(ApiKeyService keys) {
        this.keys = keys;
    }

    @PostMapping(consumes = "application/json")
    @Operation(summary = "Create a key {name, scopes, expires_at?, events_per_second?}; the response holds the secret, shown only this once")
    ResponseEntity<ApiKey.Issued> create(Actor actor, @RequestBody ApiKeyService.Create body) {
        ApiKey.Issued issued = keys.create(actor, body);
        return ResponseEntity.created(URI.create("/api/v1/api-keys/" + issued.id())).body(issued);
    }

    @GetMapping
    @Operation(summary = "Your keys (never their secrets)")
    List<ApiKey> list(Actor actor) {
        return keys.list(actor);
    }

    @DeleteMapping("/{id}")
    @Operation(summary = "Revoke a key: it stops working at once")
    ResponseEntity<Void> revoke(Actor actor, @PathVariable UUID id) {
        keys.revoke(actor, id);
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/{id}/rotate")
    @Operation(summary = "New secret for the key (same name, scopes and limits); the old secret stops working at once")
    ApiKey.Issued rotate(Actor actor, @PathVariable UUID id) {
        return keys.rotate(actor, id);
    }
}
