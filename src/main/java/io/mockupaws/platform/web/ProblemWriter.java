package io.mockupaws.platform.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes an {@link ApiException} as problem+json from a servlet filter (authentication, authorization and rate
 * limits answer before Spring MVC and its {@link ProblemHandler} are reached), in the same shape as the handler.
 */
@Component
public class ProblemWriter {

    private final JsonMapper json;

    ProblemWriter(JsonMapper json) {
        this.json = json;
    }

    public void write(HttpServletRequest request, HttpServletResponse response, ApiException e) throws IOException {
        Map<String, Object> pd = new LinkedHashMap<>();
        pd.put("type", "/problems/" + e.code());
        pd.put("title", e.status().getReasonPhrase());
        pd.put("status", e.status().value());
        pd.put("detail", e.getMessage());
        pd.put("instance", request.getRequestURI());
        pd.put("code", e.code());
        pd.putAll(e.properties());
        response.setStatus(e.status().value());
        e.headers().forEach(response::setHeader);
        response.setContentType(ProblemHandler.PROBLEM_JSON.toString());
        response.setCharacterEncoding("UTF-8");
        json.writeValue(response.getOutputStream(), pd);
    }
}
